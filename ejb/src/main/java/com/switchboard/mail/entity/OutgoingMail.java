package com.switchboard.mail.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * One e-mail in the outbox: written in the transaction of the change that calls for it, sent after that commits,
 * retried with back-off. What went wrong last stays on the row ({@link #getLastError()}) for the admins. The body is
 * kept only while the mail may still go: blanked once it is sent, and, for a mail whose content expires (a link that
 * works for a while), once it has expired; an expired mail is not sent.
 */
@Entity
@Table(name = "outgoing_mail")
@NamedQuery(name = OutgoingMail.DUE,
        query = "SELECT m.id FROM OutgoingMail m WHERE m.status = com.switchboard.mail.entity.MailStatus.PENDING"
                + " AND m.nextAttemptAt <= :now ORDER BY m.nextAttemptAt, m.id")
@NamedQuery(name = OutgoingMail.UNDELIVERED,
        query = "SELECT m FROM OutgoingMail m WHERE m.status = com.switchboard.mail.entity.MailStatus.FAILED"
                + " OR (m.status = com.switchboard.mail.entity.MailStatus.PENDING AND m.attempts > 0)"
                + " ORDER BY m.createdAt DESC, m.id DESC")
@NamedQuery(name = OutgoingMail.RECENT, query = "SELECT m FROM OutgoingMail m ORDER BY m.createdAt DESC, m.id DESC")
@NamedQuery(name = OutgoingMail.OF_CONVERSATION,
        query = "SELECT m FROM OutgoingMail m WHERE m.conversationId = :conversationId ORDER BY m.id")
@NamedQuery(name = OutgoingMail.DELETE_SENT_BEFORE,
        query = "DELETE FROM OutgoingMail m WHERE m.status = com.switchboard.mail.entity.MailStatus.SENT"
                + " AND m.sentAt < :cutoff")
@NamedQuery(name = OutgoingMail.BLANK_EXPIRED,
        query = "UPDATE OutgoingMail m SET m.body = '' WHERE m.expiresAt < :now AND LENGTH(m.body) > 0")
@NamedQuery(name = OutgoingMail.DELETE_FAILED_QUEUED_BEFORE,
        query = "DELETE FROM OutgoingMail m WHERE m.status = com.switchboard.mail.entity.MailStatus.FAILED"
                + " AND m.createdAt < :cutoff")
public class OutgoingMail {

    public static final String DUE = "OutgoingMail.due";
    public static final String DELETE_SENT_BEFORE = "OutgoingMail.deleteSentBefore";
    public static final String DELETE_FAILED_QUEUED_BEFORE = "OutgoingMail.deleteFailedQueuedBefore";
    public static final String BLANK_EXPIRED = "OutgoingMail.blankExpired";
    public static final String UNDELIVERED = "OutgoingMail.undelivered";
    public static final String RECENT = "OutgoingMail.recent";
    public static final String OF_CONVERSATION = "OutgoingMail.ofConversation";
    public static final int MAX_SUBJECT = 300;
    public static final int MAX_ERROR = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String recipient;

    private String subject;

    @Lob
    private String body;

    @Column(name = "conversation_id")
    private Long conversationId;

    @Enumerated(EnumType.STRING)
    private MailStatus status;

    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected OutgoingMail() {
    }

    public OutgoingMail(String recipient, String subject, String body, Long conversationId, Instant now) {
        this(recipient, subject, body, conversationId, now, null);
    }

    /** @param expiresAt when the content is of no more use (a link stops working), or null for never */
    public OutgoingMail(String recipient, String subject, String body, Long conversationId, Instant now,
                        Instant expiresAt) {
        this.expiresAt = expiresAt;
        this.recipient = recipient;
        this.subject = subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
        this.body = body;
        this.conversationId = conversationId;
        this.status = MailStatus.PENDING;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    /** Whether an attempt is due now: another node may have sent it, or put it off, since it was listed. */
    public boolean isDue(Instant now) {
        return status == MailStatus.PENDING && !nextAttemptAt.isAfter(now);
    }

    /**
     * Whether its content is of no more use at {@code now}: it is not sent, and its body is gone. A body the
     * retention's sweep blanked (by another node's clock) counts as expired too: an empty mail never goes.
     */
    public boolean isExpired(Instant now) {
        return expiresAt != null && (!expiresAt.isAfter(now) || body.isEmpty());
    }

    /** Sent: the body is nobody's to read any more, and a link in it must not stay in the outbox. */
    public void sent(Instant now) {
        attempts++;
        status = MailStatus.SENT;
        sentAt = now;
        nextAttemptAt = null;
        lastError = null;
        body = "";
    }

    /** Its content expired before it could go: failed, so that the admins see it did not, and blanked. */
    public void expired() {
        status = MailStatus.FAILED;
        nextAttemptAt = null;
        lastError = "Not sent: what it holds expired at " + expiresAt + " before it could go"
                + (lastError == null ? "" : " (last attempt: " + lastError + ")");
        lastError = lastError.length() > MAX_ERROR ? lastError.substring(0, MAX_ERROR) : lastError;
        body = "";
    }

    /**
     * An attempt failed: tried again after {@code retryDelay} doubled per earlier attempt (at most {@code maxDelay}),
     * unless the failure is for good or this was the last attempt allowed.
     */
    public void failed(String reason, boolean permanent, int maxAttempts, Duration retryDelay, Duration maxDelay,
                       Instant now) {
        attempts++;
        lastError = reason == null ? "unknown" : reason.length() > MAX_ERROR ? reason.substring(0, MAX_ERROR) : reason;
        if (permanent || attempts >= maxAttempts) {
            status = MailStatus.FAILED;
            nextAttemptAt = null;
            return;
        }
        nextAttemptAt = now.plus(backOff(attempts, retryDelay, maxDelay));
    }

    /** The wait after the {@code attempts}-th failed attempt: the delay, doubled per attempt before it, capped. */
    public static Duration backOff(int attempts, Duration retryDelay, Duration maxDelay) {
        var delay = retryDelay.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /**
     * An admin asks for a failed mail to be tried again (after fixing the server's settings, say); one whose content
     * expired stays failed.
     */
    public void retry(Instant now) {
        if (status == MailStatus.FAILED && !isExpired(now)) {
            status = MailStatus.PENDING;
            attempts = 0;
            nextAttemptAt = now;
        }
    }

    public Long getId() {
        return id;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public Long getConversationId() {
        return conversationId;
    }

    public MailStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
