package com.switchboard.routing.boundary;

import com.switchboard.routing.entity.Invitation;
import java.time.Instant;

/** An invitation as the inviter and the invitee see it. */
public record InvitationView(long id, long conversationId, long inviteeId, long inviterId, boolean inviterLeaves,
                             String status, Instant deadline) {

    static InvitationView of(Invitation invitation) {
        return new InvitationView(invitation.getId(), invitation.getConversation().getId(),
                invitation.getInvitee().getId(), invitation.getInviter().getId(), invitation.isInviterLeaves(),
                invitation.getStatus().name(), invitation.getDeadline());
    }
}
