package com.switchboard.routing.boundary;

import com.switchboard.agent.control.ActiveAgents;
import com.switchboard.agent.control.AgentFreed;
import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.boundary.HandOver;
import com.switchboard.conversation.control.ConversationAccess;
import com.switchboard.conversation.control.ConversationEventPublisher;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.ConversationWaiting;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.routing.control.AgentLoads;
import com.switchboard.routing.control.OfferEndings;
import com.switchboard.routing.control.Router;
import com.switchboard.routing.control.RoutingEvent;
import com.switchboard.routing.entity.Offer;
import com.switchboard.routing.entity.RoutingOutcome;
import com.switchboard.visitor.boundary.AgentBlocks;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/**
 * A conversation handed on by its holder (or an admin): to another agent, as an offer they accept or reject, or to
 * another inbox's queue. Each locks the conversation's row first; the previous holder loses it at once.
 */
@Stateless
public class Transfers {

    @PersistenceContext
    EntityManager em;

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
    AgentBlocks agentBlocks;

    @EJB
    ConversationEventPublisher events;

    @Inject
    Event<AgentFreed> agentFreed;

    @Inject
    Event<ConversationWaiting> waiting;

    /**
     * Hands the conversation to another member of its inbox as an offer (they accept or reject like any offer;
     * a rejection sends it back to routing). Only an admin or the holder (a supervisor for a waiting one); the
     * previous holder loses it at once. A closed conversation is handed over directly and stays closed.
     */
    public Transfer toAgent(long actorId, long conversationId, long targetId) {
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
            endings.withdrawPending(conversation);
            handOver.assign(conversation, lockedTarget);
            router.record(conversationId, RoutingOutcome.TRANSFERRED, targetId, explanation + " It stays closed.");
            publish(conversation, targetId, actorId);
            tellPrevious(conversation, previous, actor, target.getDisplayName());
            return new Transfer(conversationId, conversation.getInbox().getId(), targetId, null);
        }
        if (!candidate.hasRoom()) {
            throw RequestRejectedException.conflict("agent.unavailable",
                    target.getDisplayName() + " cannot take it now: " + candidate.skipReason() + ".");
        }
        endings.withdrawPending(conversation);
        handOver.release(conversation);
        router.offerTo(conversation, lockedTarget, explanation);
        freed(previous);
        publish(conversation, targetId, actorId);
        tellPrevious(conversation, previous, actor, target.getDisplayName());
        return new Transfer(conversationId, conversation.getInbox().getId(), targetId,
                em.createNamedQuery(Offer.PENDING_OF_CONVERSATION, Offer.class)
                        .setParameter("conversationId", conversationId).getSingleResult().getId());
    }

    /**
     * Moves the conversation to another inbox's queue, where it is routed by that inbox's rules; nobody holds it
     * any more. A closed one moves and stays closed. Same rights as a transfer to an agent.
     */
    public Transfer toInbox(long actorId, long conversationId, long inboxId) {
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
        endings.withdrawPending(conversation);
        handOver.moveTo(conversation, target);
        router.record(conversationId, RoutingOutcome.TRANSFERRED, null,
                actor.getDisplayName() + " moved it from " + from + " to " + target.getName() + ".");
        if (conversation.getStatus() == ConversationStatus.WAITING) {
            waiting.fire(new ConversationWaiting(conversationId));
        }
        freed(previous);
        publish(conversation, null, actorId);
        tellPrevious(conversation, previous, actor, target.getName());
        return new Transfer(conversationId, inboxId, null, null);
    }

    private Conversation transferable(Agent actor, long conversationId) {
        var conversation = guard.locked(conversationId);
        if (!ConversationAccess.canAssign(actor, conversation)) {
            throw RequestRejectedException.forbidden("conversation.reassign-forbidden",
                    "Only an admin or the agent holding this conversation can hand it on.");
        }
        if (conversation.getStatus() == ConversationStatus.ARCHIVED) {
            throw RequestRejectedException.conflict("conversation.archived", "This conversation is archived.");
        }
        return conversation;
    }

    private void publish(Conversation conversation, Long agentId, long byAgentId) {
        router.publish(new RoutingEvent(RoutingEvent.TRANSFERRED, conversation.getId(),
                conversation.getInbox().getId(), agentId, null, null, byAgentId));
    }

    /**
     * A holder who did not hand it on themselves (an admin did) hears so on their own consoles: the conversation's
     * events no longer reach them, and their open tab would go on showing it as theirs.
     */
    private void tellPrevious(Conversation conversation, Agent previous, Agent actor, String to) {
        if (previous != null && !previous.getId().equals(actor.getId())) {
            events.handedOn(conversation.getId(), previous.getId(), actor.getDisplayName(), to,
                    ConversationAccess.oversees(previous) || guard.takesPart(previous, conversation));
        }
    }

    /** The previous holder of a conversation that moved on has a place free for someone waiting. */
    private void freed(Agent previous) {
        if (previous != null) {
            agentFreed.fire(new AgentFreed(previous.getId()));
        }
    }
}
