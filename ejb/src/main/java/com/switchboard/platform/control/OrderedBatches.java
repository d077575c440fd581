package com.switchboard.platform.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Items that many threads hand over, passed on in the order they were added, one batch at a time, on a thread of
 * another executor (the server's managed one). A batch is whatever queued up while the one before was handled,
 * up to a maximum: under load the batches grow, so each costs less per item.
 */
public final class OrderedBatches<T> {

    private static final Logger LOG = Logger.getLogger(OrderedBatches.class.getName());

    private final Executor threads;
    private final int maxBatch;
    private final Consumer<List<T>> handler;
    private final Queue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    public OrderedBatches(Executor threads, int maxBatch, Consumer<List<T>> handler) {
        this.threads = threads;
        this.maxBatch = maxBatch;
        this.handler = handler;
    }

    public void addAll(Collection<? extends T> added) {
        items.addAll(added);
        if (running.compareAndSet(false, true)) {
            try {
                threads.execute(this::handleAll);
            } catch (RejectedExecutionException e) {
                running.set(false); // the server is stopping; what is queued goes with the next hand-over
                throw e;
            }
        }
    }

    private void handleAll() {
        do {
            for (var batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
                try {
                    handler.accept(batch);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A batch of " + batch.size() + " failed", e);
                }
            }
            running.set(false);
            // Items added after the last poll but before the flag was cleared started no run: this one goes on.
        } while (!items.isEmpty() && running.compareAndSet(false, true));
    }

    private List<T> nextBatch() {
        var batch = new ArrayList<T>();
        for (var item = items.poll(); item != null; item = batch.size() < maxBatch ? items.poll() : null) {
            batch.add(item);
        }
        return batch;
    }
}
