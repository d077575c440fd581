package com.switchboard.integration.control;

import com.switchboard.integration.entity.OutboundEvent;
import com.switchboard.messaging.control.OrderedBatches;
import com.switchboard.monitoring.RepeatedFailure;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Takes committed outbound events from the {@link OutboundOutbox} to the broker on one thread of its own, in the
 * order they committed, so the transaction that made them waits for none of it. Whatever has queued up meanwhile
 * goes as one batch (one transaction). A batch that fails stays in the outbox, and so does everything the node
 * had not sent when it stopped: every few seconds the relay sweeps up what is older than {@link #FORGOTTEN_AFTER}.
 */
@Singleton
// Made at deployment: made lazily by its first call, which comes from a transaction's completion, the container
// suspended that finished transaction for the bean's own NOT_SUPPORTED and failed to resume it, and the relay
// stayed unavailable (its sweep too) until the next start.
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboundRelay {

    private static final Logger LOG = Logger.getLogger(OutboundRelay.class.getName());

    /** Far longer than the relay takes for a batch, so the sweep never takes an event the relay is sending. */
    static final Duration FORGOTTEN_AFTER = Duration.ofSeconds(15);

    private static final int BATCH = 100;

    private final RepeatedFailure failures = new RepeatedFailure(LOG, "Sending outbound events");
    private OrderedBatches<OutboundEvent> committed;

    @EJB
    OutboundOutbox outbox;

    @Resource
    ManagedThreadFactory threads;

    @PostConstruct
    void start() {
        committed = new OrderedBatches<>(threads, "switchboard-outbound-relay", BATCH, this::send);
    }

    @PreDestroy
    void stop() {
        committed.close();
    }

    /**
     * Events whose transaction has just committed. Called from that transaction's completion, where it is still
     * the thread's: the bean's NOT_SUPPORTED would make the container suspend it, which fails there (JTS5054) and
     * logged a stack trace per message. Queueing the events needs no transaction either way.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void relay(List<OutboundEvent> events) {
        committed.addAll(events);
    }

    private int send(List<OutboundEvent> batch) {
        return send(batch, false);
    }

    private int send(List<OutboundEvent> batch, boolean again) {
        try {
            int sent = outbox.send(batch, again);
            failures.succeeded();
            return sent;
        } catch (RuntimeException e) {
            failures.failed(e, () -> batch.size() + " outbound events could not be sent now; they stay in the "
                    + "outbox, whose sweep sends them again");
            return -1;
        }
    }

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false, info = "send forgotten outbound events")
    void sweep() {
        var before = Instant.now().minus(FORGOTTEN_AFTER);
        List<OutboundEvent> forgotten;
        do {
            forgotten = outbox.unsentBefore(before, BATCH);
            if (forgotten.isEmpty()) {
                return;
            }
            var count = forgotten.size();
            LOG.info(() -> "Sending " + count + " outbound events that waited in the outbox");
        } while (send(forgotten, true) >= 0 && forgotten.size() == BATCH);
    }
}
