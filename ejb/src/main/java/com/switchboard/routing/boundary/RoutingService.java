package com.switchboard.routing.boundary;

import com.switchboard.agent.control.ActiveAgents;
import com.switchboard.agent.control.AgentFreed;
import com.switchboard.agent.control.AssignmentTurns;
import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.boundary.HandOver;
import com.switchboard.conversation.control.ConversationAccess;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.ConversationWaiting;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.routing.control.AgentLoads;
import com.switchboard.routing.control.QueuePositions;
import com.switchboard.routing.control.Router;
import com.switchboard.routing.control.RoutingEvent;
import com.switchboard.routing.entity.Offer;
import com.switchboard.routing.entity.RoutingDecision;
import com.switchboard.routing.entity.RoutingOutcome;
import com.switchboard.visitor.boundary.AgentBlocks;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What agents and supervisors do with routing: accept or reject an offer, take a waiting conversation (the
 * broadcast inboxes' way), assign one by hand (the manual inboxes' way), and read why a conversation went where
 * it went. Each locks the conversation's row first, so an accept racing the offer's deadline, or two agents taking
 * the same conversation, end with exactly one winner and a conflict for the other.
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
    QueuePositions queue;

    @EJB
    VisitorService visitors;

    @Inject
    Event<AgentFreed> agentFreed;

    @Inject
    Event<ConversationWaiting> waiting;

    @EJB
    AgentBlocks agentBlocks;

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
        router.reject(agentsOffer(agent, offerId));
    }

    /** A member takes a waiting conversation of their inbox, if they have room; the first one wins. */
    public void take(long agentId, long conversationId) {
        var agent = agents.require(agentId);
        var conversation = lockedConversation(conversationId);
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
        router.publish(new RoutingEvent(RoutingEvent.TAKEN, conversationId, conversation.getInbox().getId(), null,
                null, null));
    }

    /**
     * A supervisor (or admin) assigns a waiting conversation by hand. Over the agent's capacity only with
     * {@code overCapacity}, and then the result carries a warning.
     */
    public Assignment assign(long actorId, long conversationId, long agentId, boolean overCapacity) {
        var actor = agents.require(actorId);
        var conversation = lockedConversation(conversationId);
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
        withdrawPendingOffer(conversation);
        if (waited) {
            queue.moved(conversation.getInbox().getId());
        }
        assign(conversation, agent, actor.getDisplayName() + " assigned it to " + agent.getDisplayName() + "."
                + (warning == null ? "" : " " + warning), actorId);
        return new Assignment(conversationId, agentId, warning);
    }

    /**
     * Hands the conversation to another member of its inbox as an offer (they accept or reject like any offer;
     * a rejection sends it back to routing). Only an admin or the holder (a supervisor for a waiting one); the
     * previous holder loses it at once. A closed conversation is handed over directly and stays closed.
     */
    public Transfer transferToAgent(long actorId, long conversationId, long targetId) {
        var actor = agents.require(actorId);
        var conversation = transferable(actor, conversationId);
        var target = agents.require(targetId);
        if (conversation.getAssignee() != null && conversation.getAssignee().getId().equals(targetId)) {
            throw RequestRejectedException.invalid("transfer.same-agent",
                    target.getDisplayName() + " holds this conversation already.");
        }
        if (agentBlocks.hasBlockedAgent(targetId, actorId)) {
            throw RequestRejectedException.forbidden("agent.blocked",
                    target.getDisplayName() + " does not take conversations from you.");
        }
        var lockedTarget = em.find(Agent.class, targetId, LockModeType.PESSIMISTIC_WRITE);
        var candidate = loads.candidate(conversation, lockedTarget);
        if (candidate == null) {
            throw RequestRejectedException.invalid("inbox.not-member", target.getDisplayName()
                    + " is not a member of " + conversation.getInbox().getName() + ": transfer to their inbox.");
        }
        var previous = conversation.getAssignee();
        var explanation = actor.getDisplayName() + " transferred it to " + target.getDisplayName() + ".";
        if (conversation.getStatus() == ConversationStatus.CLOSED) {
            withdrawPendingOffer(conversation);
            handOver.assign(conversation, lockedTarget);
            router.record(conversationId, RoutingOutcome.TRANSFERRED, targetId, explanation + " It stays closed.");
            publishTransfer(conversation, targetId, actorId);
            return new Transfer(conversationId, conversation.getInbox().getId(), targetId, null);
        }
        if (!candidate.hasRoom()) {
            throw RequestRejectedException.conflict("agent.unavailable",
                    target.getDisplayName() + " cannot take it now: " + candidate.skipReason() + ".");
        }
        withdrawPendingOffer(conversation);
        handOver.release(conversation);
        router.offerTo(conversation, lockedTarget, explanation);
        freed(previous);
        publishTransfer(conversation, targetId, actorId);
        return new Transfer(conversationId, conversation.getInbox().getId(), targetId,
                em.createNamedQuery(Offer.PENDING_OF_CONVERSATION, Offer.class)
                        .setParameter("conversationId", conversationId).getSingleResult().getId());
    }

    /**
     * Moves the conversation to another inbox's queue, where it is routed by that inbox's rules; nobody holds it
     * any more. A closed one moves and stays closed. Same rights as a transfer to an agent.
     */
    public Transfer transferToInbox(long actorId, long conversationId, long inboxId) {
        var actor = agents.require(actorId);
        var conversation = transferable(actor, conversationId);
        var target = em.find(Inbox.class, inboxId);
        if (target == null || target.isDeleted()) {
            throw RequestRejectedException.notFound("inbox.unknown", "There is no inbox " + inboxId + ".");
        }
        if (target.getId().equals(conversation.getInbox().getId())) {
            throw RequestRejectedException.invalid("transfer.same-inbox", "The conversation is in this inbox already.");
        }
        var from = conversation.getInbox().getName();
        var previous = conversation.getAssignee();
        withdrawPendingOffer(conversation);
        handOver.moveTo(conversation, target);
        router.record(conversationId, RoutingOutcome.TRANSFERRED, null,
                actor.getDisplayName() + " moved it from " + from + " to " + target.getName() + ".");
        if (conversation.getStatus() == ConversationStatus.WAITING) {
            waiting.fire(new ConversationWaiting(conversationId));
        }
        freed(previous);
        publishTransfer(conversation, null, actorId);
        return new Transfer(conversationId, inboxId, null, null);
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

    private Conversation transferable(Agent actor, long conversationId) {
        var conversation = lockedConversation(conversationId);
        if (!ConversationAccess.canAssign(actor, conversation)) {
            throw RequestRejectedException.forbidden("conversation.reassign-forbidden",
                    "Only an admin or the agent holding this conversation can hand it on.");
        }
        if (conversation.getStatus() == ConversationStatus.ARCHIVED) {
            throw RequestRejectedException.conflict("conversation.archived", "This conversation is archived.");
        }
        return conversation;
    }

    private void publishTransfer(Conversation conversation, Long agentId, long byAgentId) {
        router.publish(new RoutingEvent(RoutingEvent.TRANSFERRED, conversation.getId(),
                conversation.getInbox().getId(), agentId, null, null, byAgentId));
    }

    /** The previous holder of a conversation that moved on has a place free for someone waiting. */
    private void freed(Agent previous) {
        if (previous != null) {
            agentFreed.fire(new AgentFreed(previous.getId()));
        }
    }

    private void assign(Conversation conversation, Agent agent, String explanation, long byAgentId) {
        handOver.assign(conversation, agent);
        turns.assigned(agent.getId(), Instant.now());
        router.record(conversation.getId(), RoutingOutcome.ASSIGNED, agent.getId(), explanation);
        router.publish(new RoutingEvent(RoutingEvent.ASSIGNED, conversation.getId(), conversation.getInbox().getId(),
                agent.getId(), null, null, byAgentId));
    }

    private void withdrawPendingOffer(Conversation conversation) {
        em.createNamedQuery(Offer.PENDING_OF_CONVERSATION, Offer.class)
                .setParameter("conversationId", conversation.getId()).getResultStream().forEach(offer -> {
                    offer.cancel(Instant.now());
                    agentFreed.fire(new AgentFreed(offer.getAgent().getId()));
                });
    }

    /** The agent's own offer, with its conversation locked and the offer read again under the lock. */
    private Offer agentsOffer(Agent agent, long offerId) {
        var offer = em.find(Offer.class, offerId);
        if (offer == null || !offer.getAgent().getId().equals(agent.getId())) {
            throw RequestRejectedException.notFound("offer.unknown", "You have no offer " + offerId + ".");
        }
        lockedConversation(offer.getConversation().getId());
        em.refresh(offer);
        return offer;
    }

    private Conversation lockedConversation(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
        if (conversation == null) {
            throw ConversationGuard.unknown(conversationId);
        }
        return conversation;
    }
}
