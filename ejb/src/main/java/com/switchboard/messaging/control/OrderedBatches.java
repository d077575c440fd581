package com.switchboard.messaging.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Items that many threads hand over, passed on in the order they were added, one batch at a time, on one thread
 * of its own. A batch is whatever queued up while the one before was handled, up to a maximum: under load the
 * batches grow, so each costs less per item.
 *
 * <p>One long-lived thread (from the server's managed thread factory, so it runs in the application's context)
 * rather than a task of the managed executor per hand-over: the executor captured the caller's context for every
 * task, which scans the application's whole class path with a ServiceLoader, 9 % of the server's CPU at 100
 * messages a second (docs/PERFORMANCE.md).
 */
public final class OrderedBatches<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OrderedBatches.class.getName());
    /** How often the idle thread looks whether it is to stop. */
    private static final long IDLE_CHECK_MILLIS = 500;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final int maxBatch;
    private final Consumer<List<T>> handler;
    private final BlockingQueue<T> items = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    public OrderedBatches(ThreadFactory threads, String name, int maxBatch, Consumer<List<T>> handler) {
        this.maxBatch = maxBatch;
        this.handler = handler;
        this.thread = threads.newThread(this::handleAll);
        thread.setName(name);
        thread.start();
    }

    /** Queues the items; refused once {@link #close} began (the server is stopping). */
    public void addAll(Collection<? extends T> added) {
        if (closed) {
            throw new RejectedExecutionException("Stopped: " + thread.getName());
        }
        items.addAll(added);
    }

    private void handleAll() {
        while (!closed) {
            T first;
            try {
                first = items.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            var batch = new ArrayList<T>();
            batch.add(first);
            items.drainTo(batch, maxBatch - 1);
            try {
                handler.accept(batch);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A batch of " + batch.size() + " failed", e);
            }
        }
    }

    /**
     * Stops taking items and lets the batch in hand finish (waiting a few seconds at most). What is still queued
     * is left: each user says what becomes of it.
     */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!items.isEmpty()) {
            LOG.info(() -> thread.getName() + " stopped with " + items.size() + " item(s) not passed on");
        }
    }
}
