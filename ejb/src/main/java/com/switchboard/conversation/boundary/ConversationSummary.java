package com.switchboard.conversation.boundary;

import com.switchboard.conversation.entity.Channel;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.conversation.entity.EndedBy;
import java.time.Instant;
import java.util.Set;

/**
 * One line of a conversation list. {@code lastMessage} previews the newest public message (never a note);
 * {@code replyDeadline} is set while a visitor message awaits its answer in an inbox with a reply time limit,
 * {@code overdue} once it has passed (by the server's clock, as the list was read);
 * {@code unread} counts for the agent who asked. {@code visitorLabel} is the visitor's name, e-mail or number,
 * {@code visitorVerified} whether the customer's site signed it, {@code visitorOnline} whether a socket of the
 * visitor is open now. {@code closed}: when and by whom it was closed (null while open), {@code archived} the same
 * for its archiving.
 */
public record ConversationSummary(long id, long inboxId, String inboxName, Channel channel,
                                  ConversationStatus status, Long assigneeId, String assigneeName, long visitorId,
                                  String visitorLabel, boolean visitorVerified, boolean visitorOnline,
                                  Set<String> tags,
                                  String lastMessage, Instant lastMessageAt, Instant createdAt,
                                  Instant lastActivityAt, Instant firstResponseAt, Instant unansweredSince,
                                  Instant replyDeadline, boolean overdue, long unread, long version, Ended closed,
                                  Ended archived) {

    /** When it closed or was archived, and who did it ({@code by} null: not recorded, for older ones). */
    public record Ended(Instant at, EndedBy by) {

        static Ended of(Instant at, EndedBy by) {
            return at == null ? null : new Ended(at, by);
        }
    }
}
