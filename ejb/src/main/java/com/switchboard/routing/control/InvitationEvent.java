package com.switchboard.routing.control;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.messaging.events.AgentNews;
import com.switchboard.routing.entity.Invitation;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Optional;

/**
 * An invitation's news for one agent, through the events topic after commit: {@code invitation.created} to the
 * invitee (with the deadline and the visitor), {@code invitation.answered} to the inviter (with the outcome).
 */
public final class InvitationEvent {

    public static final String CREATED = AgentNews.INVITATION_CREATED;
    public static final String ANSWERED = AgentNews.INVITATION_ANSWERED;

    private InvitationEvent() {
    }

    /** Names the visitor too: an invitee of another inbox may not list the conversation before accepting. */
    public static JsonObject created(Invitation invitation, Optional<String> lastMessage) {
        return VisitorInNews.into(json(CREATED, invitation, invitation.getInvitee().getId())
                .add("inviterId", invitation.getInviter().getId())
                .add("deadline", invitation.getDeadline().toString()).build(), invitation.getConversation(),
                lastMessage);
    }

    public static JsonObject answered(Invitation invitation) {
        return json(ANSWERED, invitation, invitation.getInviter().getId())
                .add("inviteeId", invitation.getInvitee().getId())
                .add("status", invitation.getStatus().name()).build();
    }

    private static JsonObjectBuilder json(String type, Invitation invitation, long agentId) {
        var conversation = invitation.getConversation();
        return JSON.createObjectBuilder().add("type", type).add("invitationId", invitation.getId())
                .add("conversationId", conversation.getId()).add("inboxId", conversation.getInbox().getId())
                .add("agentId", agentId);
    }
}
