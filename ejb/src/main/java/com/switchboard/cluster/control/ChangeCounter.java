package com.switchboard.cluster.control;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a copy this node keeps of the database may be used again: while no change was announced since its read
 * began (a change that commits during the read may be missing from it), and for a minute at most, in case an
 * announcement was lost while the broker was away.
 */
public final class ChangeCounter {

    private static final Duration AT_MOST = Duration.ofMinutes(1);

    private final AtomicLong changes = new AtomicLong();

    /** Taken before a read begins, and kept with what it read. */
    public record Stamp(long changesBefore, long readAt) {
    }

    public Stamp beforeRead() {
        return new Stamp(changes.get(), System.nanoTime());
    }

    public boolean isCurrent(Stamp stamp) {
        return stamp.changesBefore() == changes.get() && System.nanoTime() - stamp.readAt() < AT_MOST.toNanos();
    }

    /** A change committed: every copy read before it is read again. */
    public void changed() {
        changes.incrementAndGet();
    }
}
