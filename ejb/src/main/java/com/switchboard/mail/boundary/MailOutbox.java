package com.switchboard.mail.boundary;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.mail.control.MailRetention;
import com.switchboard.mail.control.MailSender;
import com.switchboard.mail.control.SmtpSettings;
import com.switchboard.mail.entity.MailStatus;
import com.switchboard.mail.entity.OutgoingMail;
import com.switchboard.messaging.control.OnCommit;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The only way Switchboard sends e-mail: {@link #queue} writes the mail into the outbox in the caller's
 * transaction, so a mail exists only if the change that calls for it commits, and {@code MailSender} sends it
 * after the commit. Admins see what did not go, and why, and can have a failed mail tried again.
 */
@Stateless
public class MailOutbox {

    private static final Object COMMITTED = new Object();

    @PersistenceContext
    EntityManager em;

    @Inject
    SmtpSettings smtp;

    @EJB
    MailSender sender;

    @EJB
    MailRetention retention;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /** Whether the installation sends e-mail (an SMTP server is configured): otherwise nothing may promise any. */
    public boolean sends() {
        return smtp.configured();
    }

    /** Where mail goes, for the admins (never the password). */
    public String server() {
        return smtp.describe();
    }

    /** How long sent mails (after sending) and failed ones (after queueing) are kept. */
    public Duration retention() {
        return retention.retention();
    }

    /** Whether {@code address} is one a mail can be sent to. */
    public static boolean isAddress(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            new InternetAddress(address, true).validate();
            return true;
        } catch (AddressException e) {
            return false;
        }
    }

    /**
     * A mail to send once the caller's transaction commits; its id, or nothing when the installation sends no
     * e-mail or {@code recipient} is no address (then nothing was promised: callers check {@link #sends()}).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<Long> queue(String recipient, String subject, String body, Long conversationId) {
        return queue(recipient, subject, body, conversationId, null);
    }

    /**
     * As {@link #queue(String, String, String, Long)}, for a mail whose content is of no use after
     * {@code expiresAt} (a link that stops working): it is not sent after that, and its body is blanked then.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<Long> queue(String recipient, String subject, String body, Long conversationId,
                                Instant expiresAt) {
        if (!smtp.configured() || !isAddress(recipient)) {
            return Optional.empty();
        }
        var mail = new OutgoingMail(recipient.strip(), subject, body, conversationId, Instant.now(), expiresAt);
        em.persist(mail);
        em.flush();
        OnCommit.<Long>items(transaction, COMMITTED, sender::committed).add(mail.getId());
        return Optional.of(mail.getId());
    }

    /** Mails that did not go: failed for good, or waiting for another attempt after a failed one. */
    public List<MailView> undelivered(int max) {
        return em.createNamedQuery(OutgoingMail.UNDELIVERED, OutgoingMail.class).setMaxResults(max)
                .getResultStream().map(MailView::of).toList();
    }

    /** The newest mails, whatever became of them. */
    public List<MailView> recent(int max) {
        return em.createNamedQuery(OutgoingMail.RECENT, OutgoingMail.class).setMaxResults(max)
                .getResultStream().map(MailView::of).toList();
    }

    public List<MailView> ofConversation(long conversationId) {
        return em.createNamedQuery(OutgoingMail.OF_CONVERSATION, OutgoingMail.class)
                .setParameter("conversationId", conversationId).getResultStream().map(MailView::of).toList();
    }

    /**
     * An admin read why a mail failed and lets it go: it leaves the outbox (a failed mail stays until then, or
     * until the retention deletes it). Only a failed one: a pending one may still go, a sent one goes by itself.
     */
    public void dismiss(long id) {
        var mail = em.find(OutgoingMail.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (mail == null) {
            throw RequestRejectedException.notFound("mail.unknown", "There is no e-mail " + id + ".");
        }
        if (mail.getStatus() != MailStatus.FAILED) {
            throw RequestRejectedException.conflict("mail.not-failed",
                    "Only a failed e-mail is dismissed; this one is " + mail.getStatus().name().toLowerCase(
                            Locale.ROOT) + ".");
        }
        em.remove(mail);
    }

    /**
     * A failed mail goes again, with a fresh count of attempts; sent or pending ones are left as they are, and one
     * whose content expired (a link that no longer works) is refused.
     */
    public MailView retry(long id) {
        var mail = em.find(OutgoingMail.class, id);
        if (mail == null) {
            throw RequestRejectedException.notFound("mail.unknown", "There is no e-mail " + id + ".");
        }
        if (mail.getStatus() == MailStatus.FAILED && mail.isExpired(Instant.now())) {
            throw RequestRejectedException.conflict("mail.expired", "This e-mail held something that works only "
                    + "for a while (a link to choose a new password), and that time is over: it is not sent again.");
        }
        mail.retry(Instant.now());
        em.flush();
        OnCommit.<Long>items(transaction, COMMITTED, sender::committed).add(mail.getId());
        return MailView.of(mail);
    }
}
