package com.switchboard.it;

import static com.switchboard.it.Database.lookup;
import static com.switchboard.it.Database.runningElsewhere;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Waiting for what happens after the caller's commit, and running tasks at the same moment or in a known order. */
final class Waits {

    private Waits() {
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    interface Step {
        void run() throws Exception;
    }

    /** Polls for up to 20 s: routing, events and timers run on other threads after the caller's commit. */
    static void await(String what, Condition condition) throws Exception {
        await(what, Duration.ofSeconds(20), condition);
    }

    static void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("Gave up waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Starts every task on its own container thread at the same moment and waits for all of them. */
    static void runAtOnce(List<Runnable> tasks) throws Exception {
        ManagedThreadFactory threads = lookup("java:comp/DefaultManagedThreadFactory");
        var start = new CountDownLatch(1);
        var workers = new ArrayList<Thread>();
        for (var task : tasks) {
            var worker = threads.newThread(() -> {
                try {
                    start.await();
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (var worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(worker.isAlive(), "a task is still running after 60 s");
        }
    }

    /**
     * Makes another transaction meet the test's own on a lock, in a known order: in a transaction the test runs
     * {@code holding}, then starts {@code contender} on a container thread, and once a statement like one of
     * {@code waitingStatements} (SQL LIKE) waits in another session, runs {@code meanwhile} and commits.
     *
     * @return what the contender threw; null if nothing
     */
    static Throwable contend(Step holding, Step contender, Step meanwhile, String... waitingStatements)
            throws Exception {
        var failure = new AtomicReference<Throwable>();
        ManagedThreadFactory threads = lookup("java:comp/DefaultManagedThreadFactory");
        var contending = threads.newThread(() -> {
            try {
                contender.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        UserTransaction transaction = lookup("java:comp/UserTransaction");
        transaction.begin();
        try {
            holding.run();
            contending.start();
            await("the contender's statement waits for the lock", () -> {
                for (var statement : waitingStatements) {
                    if (runningElsewhere(statement)) {
                        return true;
                    }
                }
                return false;
            });
            meanwhile.run();
            transaction.commit();
        } finally {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        }
        contending.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(contending.isAlive(), "the contender is still running after 30 s");
        return failure.get();
    }
}
