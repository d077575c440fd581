package com.switchboard.routing.boundary;

import com.switchboard.agent.control.ActiveAgents;
import com.switchboard.agent.control.AgentFreed;
import com.switchboard.agent.control.AssignmentTurns;
import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.HandOver;
import com.switchboard.conversation.control.ConversationAccess;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.MessagePreviews;
import com.switchboard.conversation.entity.AgentConversationKey;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationParticipant;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.inbox.entity.InboxMembership;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.events.AgentNews;
import com.switchboard.messaging.events.EventTopic;
import com.switchboard.routing.control.InvitationEvent;
import com.switchboard.routing.control.Router;
import com.switchboard.routing.control.RoutingEvent;
import com.switchboard.routing.control.RoutingTimers;
import com.switchboard.routing.entity.Invitation;
import com.switchboard.routing.entity.RoutingOutcome;
import com.switchboard.visitor.boundary.AgentBlocks;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Random;

/**
 * Asking a colleague into a conversation: directly, or a random available member of an inbox. The invitee
 * accepts, declines or lets it expire (the inbox's reassignment timeout); accepted, they take part (reading it,
 * replying to the visitor and exchanging private notes the visitor never sees), or hold it instead of the inviter
 * when the inviter chose to leave. One pending invitation per conversation; each step locks the conversation, so an accept racing the
 * deadline has one outcome.
 */
@Stateless
public class InvitationService {

    private static final Random RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @EJB
    MessagePreviews previews;

    @EJB
    AssignmentTurns turns;

    @EJB
    HandOver handOver;

    @EJB
    ActiveAgents agents;

    @EJB
    ConversationGuard guard;

    @EJB
    ConversationParticipants participants;

    @EJB
    AgentBlocks agentBlocks;

    @EJB
    Router router;

    @EJB
    RoutingTimers timers;

    @EJB
    EventTopic topic;

    @Inject
    Event<AgentFreed> agentFreed;

    public InvitationView invite(long actorId, long conversationId, long inviteeId, boolean inviterLeaves) {
        var actor = agents.require(actorId);
        var conversation = invitable(actor, conversationId, inviterLeaves);
        var invitee = agents.require(inviteeId);
        if (invitee.getId().equals(actor.getId())) {
            throw RequestRejectedException.invalid("invitation.self", "You cannot invite yourself.");
        }
        if (ConversationAccess.holds(invitee, conversation)) {
            throw RequestRejectedException.conflict("conversation.participant.holder",
                    invitee.getDisplayName() + " holds this conversation already.");
        }
        if (takesPart(conversation, invitee)) {
            throw RequestRejectedException.conflict("conversation.participant.exists",
                    invitee.getDisplayName() + " takes part in this conversation already.");
        }
        if (invitee.getPresence() != Presence.ONLINE) {
            throw RequestRejectedException.conflict("agent.unavailable",
                    invitee.getDisplayName() + " is " + invitee.getPresence().name().toLowerCase() + ".");
        }
        if (agentBlocks.hasBlockedAgent(inviteeId, actorId)) {
            throw RequestRejectedException.forbidden("agent.blocked",
                    invitee.getDisplayName() + " does not take conversations from you.");
        }
        return create(conversation, invitee, actor, inviterLeaves);
    }

    /** Invites a random online member of the inbox who does not hold, take part in or block this conversation. */
    public InvitationView inviteFromInbox(long actorId, long conversationId, long inboxId, boolean inviterLeaves) {
        var actor = agents.require(actorId);
        var conversation = invitable(actor, conversationId, inviterLeaves);
        var available = em.createNamedQuery(InboxMembership.OF_INBOX, InboxMembership.class)
                .setParameter("inboxId", inboxId).getResultStream().map(InboxMembership::getAgent)
                .filter(agent -> agent.getPresence() == Presence.ONLINE)
                .filter(agent -> !agent.getId().equals(actorId))
                .filter(agent -> !ConversationAccess.holds(agent, conversation) && !takesPart(conversation, agent))
                .filter(agent -> !agentBlocks.hasBlockedAgent(agent.getId(), actorId))
                .toList();
        if (available.isEmpty()) {
            throw RequestRejectedException.conflict("invitation.nobody-available",
                    "Nobody of that inbox is online and free to join.");
        }
        return create(conversation, available.get(RANDOM.nextInt(available.size())), actor, inviterLeaves);
    }

    public InvitationView accept(long inviteeId, long invitationId) {
        var invitation = inviteesInvitation(agents.require(inviteeId), invitationId);
        invitation.accept(Instant.now());
        var conversation = invitation.getConversation();
        var invitee = invitation.getInvitee();
        var inviter = invitation.getInviter();
        if (invitation.isInviterLeaves() && ConversationAccess.holds(inviter, conversation)) {
            handOver.assign(conversation, invitee);
            turns.assigned(invitee.getId(), Instant.now());
            router.record(conversation.getId(), RoutingOutcome.TRANSFERRED, invitee.getId(),
                    inviter.getDisplayName() + " handed it to " + invitee.getDisplayName()
                            + ", who accepted the invitation.");
            agentFreed.fire(new AgentFreed(inviter.getId()));
            // The invitee's consoles, the outbound contract and the visitor (who talks to whom now) hear of it.
            router.publish(new RoutingEvent(RoutingEvent.TRANSFERRED, conversation.getId(),
                    conversation.getInbox().getId(), invitee.getId(), null, null));
        } else {
            participants.admit(conversation, invitee, inviter);
        }
        answered(invitation);
        return InvitationView.of(invitation);
    }

    public InvitationView decline(long inviteeId, long invitationId) {
        var invitation = inviteesInvitation(agents.require(inviteeId), invitationId);
        invitation.decline(Instant.now());
        answered(invitation);
        return InvitationView.of(invitation);
    }

    private Conversation invitable(Agent actor, long conversationId, boolean inviterLeaves) {
        var conversation = guard.locked(conversationId);
        if (!ConversationAccess.canInvite(actor, conversation)) {
            throw RequestRejectedException.forbidden("conversation.invite-forbidden",
                    "Only the agent holding this conversation, a supervisor or an admin can invite.");
        }
        if (conversation.getStatus() == ConversationStatus.ARCHIVED) {
            throw RequestRejectedException.conflict("conversation.archived", "This conversation is archived.");
        }
        if (inviterLeaves && !ConversationAccess.holds(actor, conversation)) {
            throw RequestRejectedException.invalid("invitation.leave",
                    "Only the agent holding the conversation can leave it to the invitee.");
        }
        var pending = em.createNamedQuery(Invitation.PENDING_OF_CONVERSATION, Invitation.class)
                .setParameter("conversationId", conversationId).getResultList();
        if (!pending.isEmpty()) {
            throw RequestRejectedException.conflict("invitation.pending",
                    pending.get(0).getInvitee().getDisplayName() + " has not answered the last invitation yet.");
        }
        return conversation;
    }

    private InvitationView create(Conversation conversation, Agent invitee, Agent inviter, boolean inviterLeaves) {
        var now = Instant.now();
        var deadline = now.plus(conversation.getInbox().settings().reassignmentTimeout());
        var invitation = new Invitation(conversation, invitee, inviter, inviterLeaves, now, deadline);
        em.persist(invitation);
        em.flush();
        timers.armInvitation(invitation.getId(), deadline);
        topic.publish(AgentNews.of(InvitationEvent.created(invitation, previews.of(conversation.getId()))));
        return InvitationView.of(invitation);
    }

    /** Tells the inviter how it ended: accepted, declined (REJECTED) or expired. */
    private void answered(Invitation invitation) {
        topic.publish(AgentNews.of(InvitationEvent.answered(invitation)));
    }

    private boolean takesPart(Conversation conversation, Agent agent) {
        return em.find(ConversationParticipant.class, new AgentConversationKey(agent.getId(), conversation.getId()))
                != null;
    }

    /** The invitee's own invitation, with its conversation locked and the invitation read again under the lock. */
    private Invitation inviteesInvitation(Agent invitee, long invitationId) {
        var invitation = em.find(Invitation.class, invitationId);
        if (invitation == null || !invitation.getInvitee().getId().equals(invitee.getId())) {
            throw RequestRejectedException.notFound("invitation.unknown", "You have no invitation " + invitationId
                    + ".");
        }
        guard.locked(invitation.getConversation().getId());
        em.refresh(invitation);
        return invitation;
    }
}
