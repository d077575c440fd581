package com.switchboard.conversation.control;

import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.DeliveryStatus;
import com.switchboard.conversation.entity.Message;
import com.switchboard.conversation.entity.Recipient;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.events.MessageStatusEvent;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Moves messages' delivery status forward, a whole range in one UPDATE, and tells the sender's side. A message
 * below the new status takes it; one at it or above keeps its own, so a late or repeated receipt changes nothing.
 */
@Stateless
public class DeliveryStatuses {

    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*");
    private static final int MAX_REASON_LENGTH = 100;

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationEventPublisher events;

    @EJB
    ConversationGuard guard;

    /**
     * Raises the status of the messages {@code recipient} receives in the conversation, up to {@code upToSeq},
     * to {@code status} ({@code reason} only with FAILED). Returns how many messages changed; when none did,
     * no event is published.
     */
    public int advance(long conversationId, Recipient recipient, DeliveryStatus status, long upToSeq, String reason) {
        if (upToSeq < 1) {
            throw RequestRejectedException.invalid("message.seq", "Sequence numbers start at 1.");
        }
        var failureReason = status == DeliveryStatus.FAILED ? validReason(reason) : null;
        // The row lock orders receipts of one conversation: the range read below is exactly the range updated.
        var conversation = guard.locked(conversationId);
        var range = em.createNamedQuery(Message.STATUS_RANGE, Object[].class);
        bind(range, conversation, recipient, status, upToSeq);
        var bounds = range.getSingleResult();
        if (bounds[0] == null) {
            return 0;
        }
        var update = em.createNamedQuery(Message.ADVANCE_STATUS)
                .setParameter("status", status).setParameter("reason", failureReason);
        bind(update, conversation, recipient, status, upToSeq);
        int changed = update.executeUpdate();
        events.publish(new MessageStatusEvent(conversation.getId(), conversation.getInbox().getId(),
                recipient.receives().name(), ((Number) bounds[0]).longValue(), ((Number) bounds[1]).longValue(),
                status.name(),
                failureReason, Instant.now()));
        return changed;
    }

    private static void bind(Query query, Conversation conversation, Recipient recipient,
                             DeliveryStatus status, long upToSeq) {
        query.setParameter("conversation", conversation)
                .setParameter("upTo", upToSeq)
                .setParameter("authorType", recipient.receives())
                .setParameter("lower", status.lower());
    }

    private static String validReason(String reason) {
        if (reason == null || reason.length() > MAX_REASON_LENGTH || !REASON.matcher(reason).matches()) {
            throw RequestRejectedException.invalid("message.failure-reason",
                    "A failure reason is a code such as 'visitor.left' (lower case, dots, at most "
                            + MAX_REASON_LENGTH + " characters).");
        }
        return reason;
    }
}
