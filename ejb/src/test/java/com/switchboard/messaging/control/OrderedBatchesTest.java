package com.switchboard.messaging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderedBatchesTest {

    @Test
    void itemsArePassedOnInTheOrderAddedOneBatchAtATimeAndNoBatchIsTooLarge() throws Exception {
        var seen = Collections.synchronizedList(new ArrayList<Integer>());
        var running = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        var largest = new AtomicInteger();
        var done = new CountDownLatch(10_000);
        try (var batches = new OrderedBatches<Integer>(Thread::new, "test", 50, batch -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            largest.accumulateAndGet(batch.size(), Math::max);
            seen.addAll(batch);
            running.decrementAndGet();
            batch.forEach(item -> done.countDown());
        })) {
            for (int i = 0; i < 10_000; i++) {
                batches.addAll(List.of(i));
            }
            assertTrue(done.await(20, TimeUnit.SECONDS), "every item was passed on");
        }
        assertEquals(1, mostAtOnce.get(), "never two batches at once");
        assertTrue(largest.get() <= 50, "largest batch " + largest.get());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i), "item " + i + " in its place");
        }
    }

    @Test
    void itemsHandedOverByManyThreadsAllArrivePassedOn() throws Exception {
        var givers = Executors.newFixedThreadPool(8);
        var passed = new AtomicInteger();
        var done = new CountDownLatch(8 * 5_000);
        try (var batches = new OrderedBatches<Integer>(Thread::new, "test", 100, batch -> {
            passed.addAndGet(batch.size());
            batch.forEach(item -> done.countDown());
        })) {
            for (int g = 0; g < 8; g++) {
                givers.execute(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        batches.addAll(List.of(i));
                        if (i % 100 == 0) {
                            Thread.yield(); // lets the thread go idle between items, where a lost item would hide
                        }
                    }
                });
            }
            assertTrue(done.await(20, TimeUnit.SECONDS), "passed on " + passed.get() + " of 40000");
        } finally {
            givers.shutdownNow();
        }
    }

    @Test
    void aFailingBatchDoesNotStopTheOnesAfterIt() throws Exception {
        var after = new CountDownLatch(1);
        try (var batches = new OrderedBatches<String>(Thread::new, "test", 1, batch -> {
            if (batch.contains("bad")) {
                throw new IllegalStateException("expected by the test");
            }
            after.countDown();
        })) {
            batches.addAll(List.of("bad", "good"));
            assertTrue(after.await(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingLetsTheBatchInHandFinishThenRefusesMore() throws Exception {
        var inHand = new CountDownLatch(1);
        var finished = new AtomicBoolean();
        var batches = new OrderedBatches<String>(Thread::new, "test", 10, batch -> {
            inHand.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            finished.set(true);
        });
        batches.addAll(List.of("first"));
        assertTrue(inHand.await(5, TimeUnit.SECONDS));
        batches.close();
        assertTrue(finished.get(), "the batch in hand was finished before close returned");
        assertThrows(RejectedExecutionException.class, () -> batches.addAll(List.of("late")));
    }
}
