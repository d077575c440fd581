package com.switchboard.monitoring;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Lets one warning of each kind through per period: a record of a kind seen within the period is counted, not
 * written, and when the kind is written again a line says how many were left out. A part that is away (the
 * database) fails every request, and the runtime, the pool and the persistence provider each log every failure
 * with its stack trace: a ten-second outage under a light load wrote over a hundred thousand lines, enough to fill
 * a disk or bury the one line that matters. What a client can make the node log is bounded the same way.
 *
 * <p>A kind is the logger, the level, the message's pattern (before its parameters are filled in) and the class
 * of the exception: two failures of the same statement are one kind, failures of different statements are not.
 * Records below WARNING pass untouched. Each handler asks about the same record; the answer is the same for all.
 */
public final class LogFloodGuard {

    private static final Logger LOG = Logger.getLogger(LogFloodGuard.class.getName());
    /** Enough kinds for every logger of the runtime; past that the counts start over rather than grow. */
    private static final int MAX_KINDS = 2_000;
    private static final int PATTERN_CHARS = 300;

    private record Kind(String logger, Level level, String pattern, String thrown) {
    }

    private static final class Seen {
        long since;
        long lastRecord;
        boolean lastAdmitted;
        int leftOut;
    }

    private final long periodNanos;
    private final LongSupplier nanoTime;
    private final Map<Kind, Seen> seen = new ConcurrentHashMap<>();

    public LogFloodGuard(Duration period, LongSupplier nanoTime) {
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    public boolean admits(LogRecord record) {
        if (record.getLevel().intValue() < Level.WARNING.intValue()) {
            return true;
        }
        if (seen.size() >= MAX_KINDS) {
            seen.clear();
        }
        var entry = seen.computeIfAbsent(kindOf(record), kind -> new Seen());
        int leftOut;
        synchronized (entry) {
            if (entry.lastRecord == record.getSequenceNumber() && entry.since != 0) {
                return entry.lastAdmitted;
            }
            long now = nanoTime.getAsLong();
            entry.lastRecord = record.getSequenceNumber();
            entry.lastAdmitted = entry.since == 0 || now - entry.since >= periodNanos;
            if (!entry.lastAdmitted) {
                entry.leftOut++;
                return false;
            }
            entry.since = now == 0 ? 1 : now;
            leftOut = entry.leftOut;
            entry.leftOut = 0;
        }
        if (leftOut > 0) {
            LOG.info(() -> leftOut + " more records like the next one (" + record.getLoggerName() + ", "
                    + record.getLevel() + ") were left out of the log in the "
                    + Duration.ofNanos(periodNanos).toSeconds() + " s before it");
        }
        return true;
    }

    private static Kind kindOf(LogRecord record) {
        var message = record.getMessage() == null ? "" : record.getMessage();
        return new Kind(record.getLoggerName(), record.getLevel(),
                message.length() > PATTERN_CHARS ? message.substring(0, PATTERN_CHARS) : message,
                record.getThrown() == null ? null : record.getThrown().getClass().getName());
    }
}
