package com.switchboard.mail.control;

import com.switchboard.messaging.control.OrderedBatches;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox's mails off the requests' threads: those whose transaction has just committed at once, on one
 * thread of its own, and every few seconds whatever is due (retries, and mails a stopped node left). A request
 * never waits on a mail server.
 */
@Singleton
// Made at deployment, as OutboundRelay is: its first call comes from a transaction's completion.
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class.getName());
    private static final int BATCH = 20;

    private final AtomicBoolean sweeping = new AtomicBoolean();
    private OrderedBatches<Long> committed;

    @EJB
    MailDelivery delivery;

    @Resource
    ManagedThreadFactory threads;

    @PostConstruct
    void start() {
        committed = new OrderedBatches<>(threads, "switchboard-mail", BATCH, ids -> ids.forEach(this::attempt));
    }

    @PreDestroy
    void stop() {
        committed.close();
    }

    /** Mails whose transaction has just committed; called from its completion (so SUPPORTS, as OutboundRelay). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void committed(List<Long> ids) {
        committed.addAll(ids);
    }

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false, info = "send due e-mail")
    void sweep() {
        // A slow server can make one sweep outlast the next timer: that one leaves it alone.
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            List<Long> due;
            do {
                due = delivery.due(BATCH);
                due.forEach(this::attempt);
            } while (due.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look for e-mail to send: " + e);
        } finally {
            sweeping.set(false);
        }
    }

    private void attempt(long id) {
        try {
            delivery.attempt(id);
        } catch (RuntimeException e) {
            // The database, not the mail server (whose failures are the mail's own): the next sweep tries again.
            LOG.warning(() -> "E-mail " + id + " could not be attempted now: " + e);
        }
    }
}
