package com.switchboard.conversation.control;

import com.switchboard.input.RequestRejectedException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many visitors' first messages a node works on at once. A first message makes the visitor's row and their
 * conversation, each on a pooled connection, and costs several follow-ups' work; a burst of them (a campaign's
 * link, a crowd after an outage) would take the whole pool, and the running chats and the agents would wait behind
 * it. Beyond the bound a few wait their turn in order, on threads the others do not need; the rest are refused with
 * {@code server.unavailable} and a time to send again, which the widget does by itself with the same client id.
 * The times are spread over as many seconds as the node needs for those refused lately, so they come back about as
 * fast as it takes them, not all at once to be refused again. Per node, like the pool it protects.
 */
@ApplicationScoped
public class FirstMessageAdmission {

    private static final long WAIT_MILLIS = 1000;
    private static final long RETRY_MIN_MILLIS = 500;
    private static final long RETRY_MAX_SPREAD_MILLIS = 10_000;

    @Inject
    @ConfigProperty(name = "switchboard.limits.first-messages-at-once", defaultValue = "8")
    int atOnce;

    private int bound;
    /** Package-private for its test, which sees who waits. */
    Semaphore turns;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Pace finished = new Pace();
    private final Pace refused = new Pace();

    @PostConstruct
    void start() {
        bound = Math.max(1, atOnce);
        turns = new Semaphore(bound, true);
    }

    /** Runs {@code firstMessage} in one of the node's turns, or refuses it when none comes free in time. */
    public <T> T admit(Supplier<T> firstMessage) {
        if (!takeTurn()) {
            throw refusal();
        }
        try {
            return firstMessage.get();
        } finally {
            turns.release();
            finished.count(Pace.now());
        }
    }

    private boolean takeTurn() {
        try {
            // Timed, even for no wait: a plain tryAcquire would take a turn ahead of those waiting for one.
            if (turns.tryAcquire(0, TimeUnit.MILLISECONDS)) {
                return true;
            }
            // As many wait as can be served within the wait; more would only hold threads to be refused after it.
            if (waiting.incrementAndGet() > 4 * bound) {
                waiting.decrementAndGet();
                return false;
            }
            try {
                return turns.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private RequestRejectedException refusal() {
        long second = Pace.now();
        refused.count(second);
        // Those refused in the last second come back over the seconds the node needs to take them at its pace.
        long pace = Math.max(bound, finished.lastSecond(second));
        long spread = Math.min(RETRY_MAX_SPREAD_MILLIS, Math.max(1000, 1000 * refused.lastSecond(second) / pace));
        return RequestRejectedException.unavailable("server.unavailable",
                "Many chats are starting at once; your message is sent again in a moment.",
                Duration.ofMillis(RETRY_MIN_MILLIS + ThreadLocalRandom.current().nextLong(spread)));
    }

    /** A count per second: what the last whole second (or the current one, if more) saw. */
    static final class Pace {
        private long second;
        private long current;
        private long previous;

        static long now() {
            return System.nanoTime() / 1_000_000_000L;
        }

        synchronized void count(long now) {
            roll(now);
            current++;
        }

        synchronized long lastSecond(long now) {
            roll(now);
            return Math.max(previous, current);
        }

        private void roll(long now) {
            if (now != second) {
                previous = now == second + 1 ? current : 0;
                current = 0;
                second = now;
            }
        }
    }
}
