package com.switchboard.conversation.boundary;

import com.switchboard.conversation.entity.ConversationParticipant;
import java.time.Instant;

/** An agent invited into a conversation, by whom and when. */
public record Participant(long agentId, String displayName, long invitedBy, Instant invitedAt) {

    static Participant of(ConversationParticipant participant) {
        return new Participant(participant.getAgent().getId(), participant.getAgent().getDisplayName(),
                participant.getInvitedBy().getId(), participant.getInvitedAt());
    }
}
