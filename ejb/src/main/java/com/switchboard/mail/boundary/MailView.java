package com.switchboard.mail.boundary;

import com.switchboard.mail.entity.MailStatus;
import com.switchboard.mail.entity.OutgoingMail;
import java.time.Instant;

/** A mail as the admins see it: to whom, about what, how far it got and, when it did not go, why. */
public record MailView(long id, String recipient, String subject, Long conversationId, MailStatus status,
                       int attempts, Instant createdAt, Instant sentAt, Instant nextAttemptAt, String lastError) {

    static MailView of(OutgoingMail mail) {
        return new MailView(mail.getId(), mail.getRecipient(), mail.getSubject(), mail.getConversationId(),
                mail.getStatus(), mail.getAttempts(), mail.getCreatedAt(), mail.getSentAt(), mail.getNextAttemptAt(),
                mail.getLastError());
    }
}
