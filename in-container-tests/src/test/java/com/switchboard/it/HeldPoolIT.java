package com.switchboard.it;

import static com.switchboard.it.Database.dataSource;
import static com.switchboard.it.Database.lookup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.control.MessageIds;
import com.switchboard.visitor.control.BlocksInForce;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.ArrayList;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a message's transaction waits for while it holds a pooled connection: the next block of message ids, the
 * blocks in force read again. When a burst holds every pooled connection (on a node just started, the first
 * messages of a burst need both), each must still come at once, not after the pool's wait for a free connection.
 */
@ExtendWith(ArquillianExtension.class)
class HeldPoolIT {

    /** The pool's maximum (SchemaMigration's data source): every connection is held. */
    private static final int TRANSACTIONS = 32;
    /** Enough ids that the burst runs through several blocks. */
    private static final int IDS_EACH = 100;

    @Inject
    MessageIds ids;

    @Inject
    BlocksInForce blocks;

    @Test
    void blocksOfIdsRunOutWhileEveryPooledConnectionIsHeldAndEachTransactionStillGetsItsIds() throws Exception {
        Set<Long> handedOut = ConcurrentHashMap.newKeySet();
        whileEveryPooledConnectionIsHeld(() -> {
            for (int n = 0; n < IDS_EACH; n++) {
                assertTrue(handedOut.add(ids.next()), "an id handed out twice");
            }
        });
        assertEquals(TRANSACTIONS * IDS_EACH, handedOut.size());
    }

    @Test
    void theBlocksInForceAreReadAgainWhileEveryPooledConnectionIsHeld() throws Exception {
        blocks.changed();
        whileEveryPooledConnectionIsHeld(() -> assertFalse(blocks.blocksAddress("203.0.113.77"),
                "nobody blocks the documentation's addresses"));
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} in each of {@link #TRANSACTIONS} transactions at once, each holding a pooled connection. */
    private static void whileEveryPooledConnectionIsHeld(Work work) throws Exception {
        ManagedThreadFactory threads = lookup("java:comp/DefaultManagedThreadFactory");
        var holding = new CyclicBarrier(TRANSACTIONS);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        var workers = new ArrayList<Thread>();
        for (int i = 0; i < TRANSACTIONS; i++) {
            var worker = threads.newThread(() -> {
                try {
                    UserTransaction transaction = lookup("java:comp/UserTransaction");
                    transaction.begin();
                    try (var connection = dataSource().getConnection();
                         var statement = connection.createStatement()) {
                        statement.execute("SELECT 1");
                        holding.await(60, TimeUnit.SECONDS);
                        work.run();
                    } finally {
                        transaction.rollback();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (var worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(90));
            assertFalse(worker.isAlive(), "a transaction still waits after 90 s");
        }
        assertTrue(failures.isEmpty(), () -> "every transaction gets what it waits for: " + failures.stream()
                .map(Throwable::toString).collect(Collectors.joining("; ")));
    }
}
