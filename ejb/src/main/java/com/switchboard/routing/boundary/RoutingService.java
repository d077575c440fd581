package com.switchboard.routing.boundary;

import com.switchboard.agent.control.ActiveAgents;
import com.switchboard.agent.control.AssignmentTurns;
import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.boundary.HandOver;
import com.switchboard.conversation.control.ConversationAccess;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.routing.control.AgentLoads;
import com.switchboard.routing.control.OfferEndings;
import com.switchboard.routing.control.QueuePositions;
import com.switchboard.routing.control.Router;
import com.switchboard.routing.control.RoutingEvent;
import com.switchboard.routing.entity.Offer;
import com.switchboard.routing.entity.RoutingDecision;
import com.switchboard.routing.entity.RoutingOutcome;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What agents and supervisors do with routing: accept or reject an offer, take a waiting conversation (the
 * broadcast inboxes' way), assign one by hand (the manual inboxes' way), and read why a conversation went where
 * it went; {@link Transfers} hands one on. Each locks the conversation's row first, so an accept racing the
 * offer's deadline, or two agents taking the same conversation, end with exactly one winner and a conflict for the
 * other.
 */
@Stateless
public class RoutingService {

    @PersistenceContext
    EntityManager em;

    @EJB
    AssignmentTurns turns;

    @EJB
    HandOver handOver;

    @EJB
    ActiveAgents agents;

    @EJB
    ConversationGuard guard;

    @EJB
    AgentLoads loads;

    @EJB
    Router router;

    @EJB
    OfferEndings endings;

    @EJB
    QueuePositions queue;

    @EJB
    VisitorService visitors;

    public void accept(long agentId, long offerId) {
        var agent = agents.require(agentId);
        var offer = agentsOffer(agent, offerId);
        var now = Instant.now();
        offer.accept(now);
        var conversation = offer.getConversation();
        handOver.assign(conversation, agent);
        turns.assigned(agent.getId(), now);
        router.record(conversation.getId(), RoutingOutcome.ACCEPTED, agentId, agent.getDisplayName() + " accepted.");
        router.publish(new RoutingEvent(RoutingEvent.ASSIGNED, conversation.getId(), conversation.getInbox().getId(),
                agentId, offerId, null, agentId));
    }

    public void reject(long agentId, long offerId) {
        var agent = agents.require(agentId);
        endings.reject(agentsOffer(agent, offerId));
    }

    /** A member takes a waiting conversation of their inbox, if they have room; the first one wins. */
    public void take(long agentId, long conversationId) {
        var agent = agents.require(agentId);
        var conversation = guard.locked(conversationId);
        if (conversation.getStatus() != ConversationStatus.WAITING) {
            throw RequestRejectedException.conflict("conversation.taken",
                    "Someone else has this conversation already.");
        }
        var lockedAgent = em.find(Agent.class, agent.getId(), LockModeType.PESSIMISTIC_WRITE);
        var candidate = loads.candidate(conversation, lockedAgent);
        if (candidate == null) {
            throw RequestRejectedException.forbidden("inbox.not-member",
                    "Only members of this conversation's inbox can take it.");
        }
        if (!candidate.hasRoom()) {
            throw RequestRejectedException.conflict("agent.full",
                    "You cannot take more conversations now: " + candidate.skipReason() + ".");
        }
        assign(conversation, lockedAgent, agent.getDisplayName() + " took it.", agentId);
        queue.moved(conversation.getInbox().getId());
    }

    /**
     * A supervisor (or admin) assigns a waiting conversation by hand. Over the agent's capacity only with
     * {@code overCapacity}, and then the result carries a warning.
     */
    public Assignment assign(long actorId, long conversationId, long agentId, boolean overCapacity) {
        var actor = agents.require(actorId);
        var conversation = guard.locked(conversationId);
        if (conversation.getAssignee() != null || !ConversationAccess.canAssign(actor, conversation)) {
            throw RequestRejectedException.forbidden("conversation.reassign-forbidden",
                    "Supervisors and admins assign waiting conversations; a held one is handed on by its holder.");
        }
        if (!conversation.getStatus().isOpen()) {
            throw RequestRejectedException.conflict("conversation.not-waiting", "This conversation is not waiting.");
        }
        var agent = em.find(Agent.class, agents.require(agentId).getId(), LockModeType.PESSIMISTIC_WRITE);
        var candidate = loads.candidate(conversation, agent);
        if (candidate == null) {
            throw RequestRejectedException.invalid("inbox.not-member",
                    agent.getDisplayName() + " is not a member of this conversation's inbox.");
        }
        String warning = null;
        if (!candidate.hasRoom()) {
            if (!overCapacity) {
                throw RequestRejectedException.conflict("agent.full", agent.getDisplayName() + " is "
                        + candidate.skipReason() + ": confirm to assign over their capacity.");
            }
            warning = agent.getDisplayName() + " is now over capacity (" + candidate.skipReason() + ").";
        }
        var waited = conversation.getStatus() == ConversationStatus.WAITING;
        endings.withdrawPending(conversation);
        if (waited) {
            queue.moved(conversation.getInbox().getId());
        }
        assign(conversation, agent, actor.getDisplayName() + " assigned it to " + agent.getDisplayName() + "."
                + (warning == null ? "" : " " + warning), actorId);
        return new Assignment(conversationId, agentId, warning);
    }

    /** The visitor's place in the queue of their waiting conversation, or empty when it does not wait. */
    public Optional<QueuePositions.QueuePosition> queuePosition(String visitorToken, long conversationId) {
        var visitor = visitors.requireByToken(visitorToken);
        var conversation = em.find(Conversation.class, conversationId);
        if (conversation == null || !conversation.getVisitor().getId().equals(visitor.getId())) {
            throw ConversationGuard.unknown(conversationId);
        }
        return queue.of(conversation);
    }

    /** Why the conversation is where it is: every routing step with its explanation, oldest first. */
    public List<RoutingDecisionView> decisions(long agentId, long conversationId) {
        var agent = agents.require(agentId);
        guard.requireReadable(agent, guard.existing(conversationId));
        return em.createNamedQuery(RoutingDecision.OF_CONVERSATION, RoutingDecision.class)
                .setParameter("conversationId", conversationId).getResultStream().map(RoutingDecisionView::of)
                .toList();
    }

    private void assign(Conversation conversation, Agent agent, String explanation, long byAgentId) {
        handOver.assign(conversation, agent);
        turns.assigned(agent.getId(), Instant.now());
        router.record(conversation.getId(), RoutingOutcome.ASSIGNED, agent.getId(), explanation);
        router.publish(new RoutingEvent(RoutingEvent.ASSIGNED, conversation.getId(), conversation.getInbox().getId(),
                agent.getId(), null, null, byAgentId));
    }

    /** The agent's own offer, with its conversation locked and the offer read again under the lock. */
    private Offer agentsOffer(Agent agent, long offerId) {
        var offer = em.find(Offer.class, offerId);
        if (offer == null || !offer.getAgent().getId().equals(agent.getId())) {
            throw RequestRejectedException.notFound("offer.unknown", "You have no offer " + offerId + ".");
        }
        guard.locked(offer.getConversation().getId());
        em.refresh(offer);
        return offer;
    }
}
