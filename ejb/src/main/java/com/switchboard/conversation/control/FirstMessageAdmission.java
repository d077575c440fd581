package com.switchboard.conversation.control;

import com.switchboard.input.RequestRejectedException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many visitors' first messages a node works on at once. A first message makes the visitor's row and their
 * conversation, each on a pooled connection, and costs several follow-ups' work; a burst of them (a campaign's
 * link, a crowd after an outage) would take the whole pool, and the running chats and the agents would wait behind
 * it. Beyond the bound a first message waits a moment for its turn, then is refused with {@code server.unavailable}
 * and a retry time spread over a second: the widget sends it again by itself with the same client id, so the burst
 * is stretched over the next seconds instead of queued on the node. Per node, like the pool it protects.
 */
@ApplicationScoped
public class FirstMessageAdmission {

    /** About what a node finishes in that time when its turns are all taken: the usual peak never hears "later". */
    private static final long WAIT_MILLIS = 100;
    private static final long RETRY_MIN_MILLIS = 500;
    private static final long RETRY_SPREAD_MILLIS = 1000;

    @Inject
    @ConfigProperty(name = "switchboard.limits.first-messages-at-once", defaultValue = "8")
    int atOnce;

    private Semaphore turns;

    @PostConstruct
    void start() {
        turns = new Semaphore(Math.max(1, atOnce), true);
    }

    /** Runs {@code firstMessage} in one of the node's turns, or refuses it when none comes free in time. */
    public <T> T admit(Supplier<T> firstMessage) {
        if (!takeTurn()) {
            throw RequestRejectedException.unavailable("server.unavailable",
                    "Many chats are starting at once; your message is sent again in a moment.", Duration.ofMillis(
                            RETRY_MIN_MILLIS + ThreadLocalRandom.current().nextLong(RETRY_SPREAD_MILLIS)));
        }
        try {
            return firstMessage.get();
        } finally {
            turns.release();
        }
    }

    private boolean takeTurn() {
        try {
            return turns.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
