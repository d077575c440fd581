package com.switchboard.persistence.control;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Whether the database lately refused writes for lack of room on its disk. A MySQL or MariaDB server whose disk is
 * full goes on answering: reads work, and so do writes in place, the readiness probe's heartbeat among them, while
 * every write that needs a file to grow fails ({@link DatabaseUnavailable#outOfRoom}). The node learns of it only
 * from the requests that failed: the first is logged once, and readiness is DOWN until no write has failed for
 * lack of room for {@link #DOWN_FOR}. That is longer than a refused client waits before it sends again, so clients
 * still sending keep it DOWN; a node that no one sends to any more is UP again after it, and DOWN again at the next
 * refusal if the disk is still full.
 */
public final class DatabaseRoom {

    /** The requests this node answers. */
    public static final DatabaseRoom NODE = new DatabaseRoom(System::nanoTime);
    static final Duration DOWN_FOR = DatabaseUnavailable.RETRY_AFTER.multipliedBy(3);
    private static final Logger LOG = Logger.getLogger(DatabaseRoom.class.getName());

    private final LongSupplier nanoTime;
    private String lacking;
    private long lastRefusedNanos;
    private long refusedSince;

    DatabaseRoom(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A request failed: if for lack of room in the database, readiness is DOWN from now for {@link #DOWN_FOR}. */
    public void failed(Throwable failure) {
        var reason = DatabaseUnavailable.outOfRoom(failure);
        if (reason.isEmpty()) {
            return;
        }
        synchronized (this) {
            lastRefusedNanos = nanoTime.getAsLong();
            if (lacking != null) {
                refusedSince++;
                return;
            }
            lacking = reason.get();
            refusedSince = 0;
        }
        LOG.warning(() -> "The database has no room to write: " + reason.get() + ". Writes that need room are "
                + "refused (server.unavailable: clients send them again) and readiness is DOWN until none has failed "
                + "for lack of room for " + DOWN_FOR.toSeconds() + " s (logged once until then)");
    }

    /** Why writes failed for lack of room within the last {@link #DOWN_FOR}, if they did. */
    public Optional<String> lacking() {
        long more;
        synchronized (this) {
            if (lacking == null || nanoTime.getAsLong() - lastRefusedNanos < DOWN_FOR.toNanos()) {
                return Optional.ofNullable(lacking);
            }
            lacking = null;
            more = refusedSince;
        }
        LOG.info(() -> "No write has failed for lack of room in the database for " + DOWN_FOR.toSeconds() + " s ("
                + more + " more failed before): readiness follows the database's probe again");
        return Optional.empty();
    }
}
