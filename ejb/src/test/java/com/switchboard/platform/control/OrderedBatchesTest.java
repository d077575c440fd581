package com.switchboard.platform.control;

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
        var pool = Executors.newFixedThreadPool(8);
        try {
            var seen = Collections.synchronizedList(new ArrayList<Integer>());
            var running = new AtomicInteger();
            var mostAtOnce = new AtomicInteger();
            var largest = new AtomicInteger();
            var done = new CountDownLatch(10_000);
            var batches = new OrderedBatches<Integer>(pool, 50, batch -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                largest.accumulateAndGet(batch.size(), Math::max);
                seen.addAll(batch);
                running.decrementAndGet();
                batch.forEach(item -> done.countDown());
            });
            for (int i = 0; i < 10_000; i++) {
                batches.addAll(List.of(i));
            }
            assertTrue(done.await(20, TimeUnit.SECONDS), "every item was passed on");
            assertEquals(1, mostAtOnce.get(), "never two batches at once");
            assertTrue(largest.get() <= 50, "largest batch " + largest.get());
            for (int i = 0; i < seen.size(); i++) {
                assertEquals(i, seen.get(i), "item " + i + " in its place");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void itemsHandedOverByManyThreadsAllArrivePassedOnEvenWhenARunIsEnding() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        var givers = Executors.newFixedThreadPool(8);
        try {
            var passed = new AtomicInteger();
            var done = new CountDownLatch(8 * 5_000);
            var batches = new OrderedBatches<Integer>(pool, 100, batch -> {
                passed.addAndGet(batch.size());
                batch.forEach(item -> done.countDown());
            });
            for (int g = 0; g < 8; g++) {
                givers.execute(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        batches.addAll(List.of(i));
                        if (i % 100 == 0) {
                            Thread.yield(); // lets runs end between items, where a lost hand-over would hide
                        }
                    }
                });
            }
            assertTrue(done.await(20, TimeUnit.SECONDS), "passed on " + passed.get() + " of 40000");
        } finally {
            givers.shutdownNow();
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingBatchDoesNotStopTheOnesAfterIt() throws Exception {
        var pool = Executors.newSingleThreadExecutor();
        try {
            var after = new CountDownLatch(1);
            var batches = new OrderedBatches<String>(pool, 1, batch -> {
                if (batch.contains("bad")) {
                    throw new IllegalStateException("expected by the test");
                }
                after.countDown();
            });
            batches.addAll(List.of("bad", "good"));
            assertTrue(after.await(5, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whatWasQueuedWhenTheThreadsRefusedGoesWithTheNextHandOver() throws Exception {
        var accepting = new AtomicBoolean(false);
        var pool = Executors.newSingleThreadExecutor();
        try {
            var passed = Collections.synchronizedList(new ArrayList<String>());
            var done = new CountDownLatch(2);
            var batches = new OrderedBatches<String>(task -> {
                if (!accepting.get()) {
                    throw new RejectedExecutionException("stopping");
                }
                pool.execute(task);
            }, 10, batch -> {
                passed.addAll(batch);
                batch.forEach(item -> done.countDown());
            });
            assertThrows(RejectedExecutionException.class, () -> batches.addAll(List.of("first")));
            accepting.set(true);
            batches.addAll(List.of("second"));
            assertTrue(done.await(5, TimeUnit.SECONDS), "both passed on: " + passed);
            assertEquals(List.of("first", "second"), passed);
        } finally {
            pool.shutdownNow();
        }
    }
}
