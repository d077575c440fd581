package com.switchboard.mail.control;

import com.switchboard.mail.entity.OutgoingMail;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One attempt at one mail, in a transaction of its own that holds the mail's row lock while the server talks: two
 * nodes that pick the same mail wait for each other, and the second finds it sent. A server that is away or says
 * "later" puts the mail off ({@link OutgoingMail#backOff}); one that refuses the recipient for good, or an address
 * that is none, fails it at once. Either way the reason stays on the row for the admins. A mail whose content
 * expired before it could go (a link that no longer works) fails without an attempt.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailDelivery.class.getName());

    public enum Outcome { NOTHING_DUE, SENT, PUT_OFF, FAILED }

    @PersistenceContext
    EntityManager em;

    @Inject
    SmtpSettings smtp;

    /** How long the first retry waits; each later one waits twice as long as the one before. */
    @Inject
    @ConfigProperty(name = "switchboard.mail.retry-delay", defaultValue = "PT1M")
    Duration retryDelay;

    /** The longest wait between two attempts. */
    @Inject
    @ConfigProperty(name = "switchboard.mail.max-retry-delay", defaultValue = "PT1H")
    Duration maxDelay;

    @Inject
    @ConfigProperty(name = "switchboard.mail.max-attempts", defaultValue = "8")
    int maxAttempts;

    public List<Long> due(int max) {
        return em.createNamedQuery(OutgoingMail.DUE, Long.class).setParameter("now", Instant.now())
                .setMaxResults(max).getResultList();
    }

    public Outcome attempt(long id) {
        var mail = em.find(OutgoingMail.class, id, LockModeType.PESSIMISTIC_WRITE);
        var now = Instant.now();
        if (mail == null || !mail.isDue(now) || !smtp.configured()) {
            return Outcome.NOTHING_DUE;
        }
        if (mail.isExpired(now)) {
            mail.expired();
            LOG.warning(() -> "E-mail " + mail.getId() + " was not sent: " + mail.getLastError());
            return Outcome.FAILED;
        }
        try {
            send(mail);
            mail.sent(Instant.now());
            return Outcome.SENT;
        } catch (AddressException e) {
            return failed(mail, "The address '" + mail.getRecipient() + "' is not an e-mail address", true);
        } catch (SendFailedException e) {
            // The server refused the recipient: sending again would be refused again.
            var refused = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
            return failed(mail, reason(e), refused);
        } catch (MessagingException e) {
            return failed(mail, reason(e), false);
        }
    }

    private void send(OutgoingMail mail) throws MessagingException {
        var message = new MimeMessage(smtp.session());
        message.setFrom(smtp.from());
        // Said outright: a visitor who answers an answer reaches people, whatever their mail program makes of From.
        message.setReplyTo(new InternetAddress[] {smtp.replyTo()});
        var to = new InternetAddress(mail.getRecipient(), true);
        to.validate();
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSubject(mail.getSubject(), StandardCharsets.UTF_8.name());
        message.setText(mail.getBody(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-replied");
        var user = smtp.user();
        if (user.isPresent()) {
            Transport.send(message, user.get(), smtp.password());
        } else {
            Transport.send(message);
        }
    }

    private Outcome failed(OutgoingMail mail, String reason, boolean permanent) {
        mail.failed(reason, permanent, maxAttempts, retryDelay, maxDelay, Instant.now());
        var outcome = mail.getStatus() == com.switchboard.mail.entity.MailStatus.FAILED ? Outcome.FAILED
                : Outcome.PUT_OFF;
        // One line per attempt, no stack trace: the back-off keeps them few, and the reason is what an admin needs.
        LOG.warning(() -> "E-mail " + mail.getId() + " could not be sent (attempt " + mail.getAttempts() + " of "
                + maxAttempts + ", " + (outcome == Outcome.FAILED ? "given up" : "tried again at "
                + mail.getNextAttemptAt()) + "): " + mail.getLastError());
        return outcome;
    }

    /** The exception's message with its causes', e.g. "Couldn't connect to host …: Connection refused". */
    static String reason(Throwable failure) {
        var text = new StringBuilder();
        for (var t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            var message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString().replaceAll("\\s+", " ");
    }
}
