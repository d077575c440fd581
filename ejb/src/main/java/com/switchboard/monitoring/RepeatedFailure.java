package com.switchboard.monitoring;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A failure that repeats while a part is away (the broker, the database), logged as the operator needs it: the
 * first one with its stack trace, then nothing until it works again, then one line saying so and how many
 * attempts failed meanwhile. Without it an outage wrote a stack trace per attempt.
 */
public final class RepeatedFailure {

    private final Logger log;
    private final String what;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicLong failedSince = new AtomicLong();

    /** @param what what fails, as the line that says it works again names it ("Sending outbound events") */
    public RepeatedFailure(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    public void failed(Throwable failure, Supplier<String> message) {
        if (!failing.getAndSet(true)) {
            failedSince.set(0);
            log.log(Level.WARNING, failure, () -> message.get() + " (logged once until it works again)");
        } else {
            failedSince.incrementAndGet();
            log.log(Level.FINE, failure, message);
        }
    }

    /** Cheap while nothing fails (a read), so it may follow every attempt of a hot path. */
    public void succeeded() {
        if (failing.get() && failing.getAndSet(false)) {
            long more = failedSince.get();
            log.info(() -> what + " works again (" + more + " more attempts failed meanwhile)");
        }
    }
}
