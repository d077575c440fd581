package com.switchboard.conversation.boundary;

import com.switchboard.conversation.entity.Conversation;
import java.time.Instant;

/**
 * A conversation past its reply deadline, as the live dashboard lists it: whose it is ({@code holderName}, null while
 * nobody holds it), who waits ({@code visitorVerified}: the customer's site signed the name) and since when.
 */
public record OverdueConversation(long conversationId, long inboxId, String inboxName, String visitorLabel,
                                  boolean visitorVerified, String holderName, Instant waitingSince,
                                  Instant replyDeadline) {

    static OverdueConversation of(Conversation c) {
        var holder = c.getAssignee();
        return new OverdueConversation(c.getId(), c.getInbox().getId(), c.getInbox().getName(),
                c.getVisitor().label(), c.getVisitor().isIdentityVerified(),
                holder == null ? null : holder.getDisplayName(), c.getReply().since(), c.getReply().deadline());
    }
}
