package com.switchboard.mail.control;

import com.switchboard.mail.entity.OutgoingMail;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the outbox from growing for ever: a sent mail is deleted once it is older than the retention
 * ({@code SWITCHBOARD_MAIL_RETENTION}, 30 days by default) counted from its sending, a failed one (shown to the
 * admins until they dismiss it) the same time after it was queued. Pending mails are never deleted here. The body
 * of a mail whose content expired (a password-reset link) is blanked at the first sweep after it expired, whatever
 * became of the mail. Every node runs it; deleting what another node deleted already deletes nothing.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
// Nothing of its own to guard: a sweep and a reader of the setting need not wait for each other.
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class MailRetention {

    private static final Logger LOG = Logger.getLogger(MailRetention.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "switchboard.mail.retention", defaultValue = "P30D")
    Duration retention;

    @Schedule(minute = "*/15", hour = "*", persistent = false, info = "delete old sent and failed e-mail")
    void sweep() {
        var deleted = purge(Instant.now());
        if (deleted > 0) {
            LOG.fine(() -> "Deleted " + deleted + " e-mails older than " + retention);
        }
    }

    /** Deletes the sent and failed mails past the retention at {@code now}, how many; blanks expired bodies. */
    public int purge(Instant now) {
        em.createNamedQuery(OutgoingMail.BLANK_EXPIRED).setParameter("now", now).executeUpdate();
        var cutoff = now.minus(retention);
        return em.createNamedQuery(OutgoingMail.DELETE_SENT_BEFORE).setParameter("cutoff", cutoff).executeUpdate()
                + em.createNamedQuery(OutgoingMail.DELETE_FAILED_QUEUED_BEFORE).setParameter("cutoff", cutoff)
                .executeUpdate();
    }

    public Duration retention() {
        return retention;
    }
}
