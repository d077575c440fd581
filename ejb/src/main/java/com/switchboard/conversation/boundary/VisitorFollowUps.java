package com.switchboard.conversation.boundary;

import com.switchboard.conversation.control.FollowUp;
import com.switchboard.conversation.control.FollowUpBatch;
import com.switchboard.conversation.control.PostedMessage;
import com.switchboard.conversation.entity.ClientMessageId;
import com.switchboard.conversation.entity.MessageText;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.control.OrderedBatches;
import com.switchboard.persistence.control.DatabaseUnavailable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * A visitor's message from the widget, written together with the others arriving at the same time (group
 * commit): a few writer threads each take what queued up while their last batch committed and store it in one
 * transaction ({@link FollowUpBatch}), so that under load a message costs a share of a commit and of the reads
 * instead of its own. Each sender is answered once its batch has committed, as when it posts alone; a visitor's
 * messages go to the same writer, in the order they came.
 *
 * <p>Whatever the batch leaves (a first message, a refusal, a failed batch) is posted alone through
 * {@link VisitorMessages}, on its sender's thread: there it starts its conversation, or fails with its own reason
 * without failing the others. A batch the database could not take (down, stalled) refuses its senders with that
 * failure ({@code server.unavailable}), and so are the batches of the next few seconds, at once: a sender hears
 * within the database's bound on a statement, not after every batch queued before theirs waited it out.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class VisitorFollowUps {

    private static final Logger LOG = Logger.getLogger(VisitorFollowUps.class.getName());
    /** Two: one writer's batch commits while the other's is read and written. */
    private static final int WRITERS = 2;
    private static final int MAX_BATCH = 100;
    /** Longer than the database's own bounds on a statement (docs/OPERATIONS.md): then the sender is told. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    @Resource
    ManagedThreadFactory threads;

    @EJB
    FollowUpBatch batches;

    @EJB
    VisitorMessages alone;

    private List<OrderedBatches<FollowUp>> writers;
    private final Set<FollowUp> waiting = ConcurrentHashMap.newKeySet();
    /** After a batch the database could not take, the next batches are refused at once for a moment. */
    private volatile long outageUntilNanos = System.nanoTime();
    private volatile RuntimeException outage;

    @PostConstruct
    void start() {
        writers = IntStream.range(0, WRITERS).mapToObj(i -> new OrderedBatches<FollowUp>(threads,
                "switchboard-follow-ups-" + i, MAX_BATCH, this::write)).toList();
    }

    @PreDestroy
    void stop() {
        writers.forEach(OrderedBatches::close);
        // What the writers left is not stored: its senders hear so now rather than when their wait ends.
        waiting.forEach(FollowUp::abandoned);
    }

    /** As {@link VisitorMessages#post(String, String, String, String)}, answered once the message is committed. */
    public PostedMessage post(String inboxName, String visitorToken, String text, String clientId) {
        var followUp = new FollowUp(inboxName, visitorToken, MessageText.validate(text),
                ClientMessageId.validate(clientId));
        Optional<PostedMessage> stored;
        waiting.add(followUp);
        try {
            writers.get(Math.floorMod(visitorToken.hashCode(), WRITERS)).addAll(List.of(followUp));
            stored = followUp.await(MAX_WAIT.toMillis());
        } catch (TimeoutException | RejectedExecutionException e) {
            throw RequestRejectedException.unavailable("server.unavailable",
                    "The message could not be stored in time; please send it again.", Duration.ofSeconds(5));
        } finally {
            waiting.remove(followUp);
        }
        return stored.orElseGet(() -> alone.post(inboxName, visitorToken, text, clientId));
    }

    private void write(List<FollowUp> followUps) {
        var lastOutage = outage;
        if (lastOutage != null && System.nanoTime() - outageUntilNanos < 0) {
            // What queued up behind a batch that waited out the database's bound would wait it out again, one
            // batch after the other; its senders are told at once to retry a little later instead.
            followUps.forEach(followUp -> followUp.failed(lastOutage));
            return;
        }
        List<Optional<PostedMessage>> stored;
        try {
            stored = batches.store(followUps);
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causes(e)) {
                // Posted alone, each would wait out the same outage once more before hearing of it.
                outage = e;
                outageUntilNanos = System.nanoTime() + DatabaseUnavailable.RETRY_AFTER.toNanos();
                followUps.forEach(followUp -> followUp.failed(e));
            } else {
                LOG.log(Level.FINE, "A batch of " + followUps.size() + " follow-ups failed; each is posted alone", e);
                followUps.forEach(FollowUp::postAlone);
            }
            return;
        } catch (Error e) {
            // The writer's thread must live on, or every later message of its visitors would wait out its time.
            LOG.log(Level.WARNING, "A batch of " + followUps.size() + " follow-ups failed; each is posted alone", e);
            followUps.forEach(FollowUp::postAlone);
            return;
        }
        for (int i = 0; i < followUps.size(); i++) {
            followUps.get(i).completed(stored.get(i));
        }
    }
}
