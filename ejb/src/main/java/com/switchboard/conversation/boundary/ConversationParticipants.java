package com.switchboard.conversation.boundary;

import com.switchboard.agent.control.AgentFreed;
import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.control.ConversationAccess;
import com.switchboard.conversation.control.ConversationEventPublisher;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.ConversationHandedOn;
import com.switchboard.conversation.control.MessageEvents;
import com.switchboard.conversation.control.MessageIds;
import com.switchboard.conversation.control.MessageStore;
import com.switchboard.conversation.entity.AgentConversationKey;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationParticipant;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.conversation.entity.Message;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.AgentBlocks;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Colleagues invited into a conversation: they read it, reply to the visitor and write notes beside the holder.
 * Whoever may hand the conversation on, and whoever oversees, invites and removes them; a participant may leave,
 * and the holder may leave the conversation to one of them. Each change is an {@link AuthorType#INTERNAL} entry
 * of the timeline: agents see who joined when, the visitor never does.
 */
@Stateless
public class ConversationParticipants {

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationGuard guard;

    @EJB
    ConversationEventPublisher events;

    @EJB
    AgentBlocks agentBlocks;

    @EJB
    HandOver handOver;

    @Inject
    Event<AgentFreed> agentFreed;

    @Inject
    Event<ConversationHandedOn> handedOn;

    @Inject
    MessageIds ids;

    /** Invites an active agent who neither holds the conversation nor takes part already. */
    public Participant invite(long conversationId, long actorId, long agentId) {
        var actor = guard.activeAgent(actorId);
        var invitee = guard.activeAgent(agentId);
        var conversation = guard.locked(conversationId);
        requireMayInvite(actor, conversation);
        if (conversation.getStatus() == ConversationStatus.ARCHIVED) {
            throw RequestRejectedException.conflict("conversation.archived", "This conversation is archived.");
        }
        if (ConversationAccess.holds(invitee, conversation)) {
            throw RequestRejectedException.conflict("conversation.participant.holder",
                    invitee.getDisplayName() + " holds this conversation already.");
        }
        if (find(conversation, invitee) != null) {
            throw RequestRejectedException.conflict("conversation.participant.exists",
                    invitee.getDisplayName() + " takes part in this conversation already.");
        }
        var participant = new ConversationParticipant(conversation, invitee, actor, Instant.now());
        em.persist(participant);
        record(conversation, actor, actor == invitee ? actor.getDisplayName() + " joined."
                : actor.getDisplayName() + " invited " + invitee.getDisplayName() + ".");
        return Participant.of(participant);
    }

    /**
     * Lets an agent in who accepted an invitation: the rights were checked when they were invited. Someone who
     * takes part already stays as they are.
     */
    public void admit(Conversation conversation, Agent invitee, Agent inviter) {
        if (find(conversation, invitee) != null || ConversationAccess.holds(invitee, conversation)) {
            return;
        }
        em.persist(new ConversationParticipant(conversation, invitee, inviter, Instant.now()));
        record(conversation, invitee, invitee.getDisplayName() + " joined at " + inviter.getDisplayName()
                + "'s invitation.");
    }

    /**
     * Asks a participant out; a participant removing themselves leaves. The visitor hears of it only if that
     * colleague had written to them: a colleague who never did came and goes unannounced, as they came.
     */
    public void remove(long conversationId, long actorId, long agentId) {
        var actor = guard.activeAgent(actorId);
        var conversation = guard.locked(conversationId);
        boolean leaving = actorId == agentId;
        if (!leaving) {
            requireMayInvite(actor, conversation);
        }
        var agent = em.find(Agent.class, agentId);
        var participant = agent == null ? null : find(conversation, agent);
        if (participant == null) {
            throw RequestRejectedException.notFound("conversation.participant.unknown",
                    "Agent " + agentId + " does not take part in conversation " + conversationId + ".");
        }
        em.remove(participant);
        record(conversation, actor, leaving ? actor.getDisplayName() + " left."
                : actor.getDisplayName() + " removed " + agent.getDisplayName() + ".");
        nameTheVisitorSaw(conversation, agent).ifPresent(name -> events.participantLeft(conversationId, name));
        events.left(conversationId, agentId, !leaving, guard.canRead(agent, conversation));
    }

    public void leave(long conversationId, long agentId) {
        remove(conversationId, agentId, agentId);
    }

    /**
     * The holder leaves the conversation to a colleague taking part in it, who holds it from then on (the visitor
     * hears who); the holder keeps nothing of it, as after any hand-on.
     */
    public void leaveTo(long conversationId, long holderId, long participantId) {
        var holder = guard.activeAgent(holderId);
        var conversation = guard.locked(conversationId);
        if (!ConversationAccess.holds(holder, conversation)) {
            throw RequestRejectedException.forbidden("conversation.not-yours",
                    "Only the agent holding this conversation can leave it to a colleague.");
        }
        var successor = em.find(Agent.class, participantId);
        if (successor == null || find(conversation, successor) == null) {
            throw RequestRejectedException.notFound("conversation.participant.unknown",
                    "Agent " + participantId + " does not take part in conversation " + conversationId + ".");
        }
        handOn(conversationId, holderId, participantId);
        record(conversation, holder, holder.getDisplayName() + " left; " + successor.getDisplayName()
                + " holds the conversation now.");
    }

    /**
     * Hands the conversation to {@code assigneeId} directly, no offer involved; see
     * {@link ConversationAccess#canAssign} for who may. A participant who takes it over holds it instead of taking
     * part; the previous holder keeps nothing.
     */
    public void handOn(long conversationId, long actorId, long assigneeId) {
        var actor = guard.activeAgent(actorId);
        var assignee = guard.activeAgent(assigneeId);
        var conversation = guard.locked(conversationId);
        if (!ConversationAccess.canAssign(actor, conversation)) {
            throw RequestRejectedException.forbidden("conversation.reassign-forbidden",
                    "Only an admin or the agent holding this conversation can hand it on.");
        }
        MessageStore.requireNotArchived(conversation);
        if (!assignee.getId().equals(actor.getId()) && agentBlocks.hasBlockedAgent(assigneeId, actorId)) {
            throw RequestRejectedException.forbidden("agent.blocked",
                    assignee.getDisplayName() + " does not take conversations from you.");
        }
        var previous = conversation.getAssignee();
        handOver.assign(conversation, assignee);
        if (previous != null && !previous.getId().equals(assigneeId)) {
            agentFreed.fire(new AgentFreed(previous.getId()));
        }
        if (previous == null || !previous.getId().equals(assigneeId)) {
            handedOn.fire(new ConversationHandedOn(conversationId, conversation.getInbox().getId(), assigneeId));
            events.holderChanged(conversationId);
        }
    }

    /** The participants, for anyone who may read the conversation. */
    public List<Participant> of(long conversationId, long agentId) {
        var conversation = guard.existing(conversationId);
        guard.requireReadable(guard.activeAgent(agentId), conversation);
        return em.createNamedQuery(ConversationParticipant.OF_CONVERSATION, ConversationParticipant.class)
                .setParameter("conversationId", conversationId).getResultStream().map(Participant::of).toList();
    }

    private static void requireMayInvite(Agent actor, Conversation conversation) {
        if (!ConversationAccess.canInvite(actor, conversation)) {
            throw RequestRejectedException.forbidden("conversation.invite-forbidden",
                    "Only the agent holding this conversation, a supervisor or an admin can invite or remove "
                            + "participants.");
        }
    }

    /** The name the agent's latest public message to the visitor was shown under, if they wrote one. */
    private Optional<String> nameTheVisitorSaw(Conversation conversation, Agent agent) {
        return em.createQuery("SELECT m FROM Message m WHERE m.conversation.id = :conversationId "
                        + "AND m.authorAgent.id = :agentId "
                        + "AND m.authorType = com.switchboard.conversation.entity.AuthorType.AGENT ORDER BY m.seq DESC",
                        Message.class)
                .setParameter("conversationId", conversation.getId()).setParameter("agentId", agent.getId())
                .setMaxResults(1).getResultStream().findFirst().map(Message::getShownAuthorName);
    }

    private ConversationParticipant find(Conversation conversation, Agent agent) {
        return em.find(ConversationParticipant.class, new AgentConversationKey(agent.getId(), conversation.getId()));
    }

    private void record(Conversation conversation, Agent actor, String text) {
        var entry = conversation.append(AuthorType.INTERNAL, text, actor, null, Instant.now());
        entry.identify(ids.next());
        em.persist(entry);
        em.flush();
        events.publish(MessageEvents.created(entry, conversation.getInbox().getId()));
    }
}
