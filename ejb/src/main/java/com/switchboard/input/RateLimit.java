package com.switchboard.input;

/**
 * A token bucket: {@code burst} takes at once, refilled at {@code perSecond} (a socket's frames, an address's
 * handshakes).
 * Synchronised: a connection is served by one thread at a time, but an address's bucket is shared by all.
 */
public final class RateLimit {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long refilledAt;

    public RateLimit(double perSecond, int burst, long nowNanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("A rate limit needs a positive rate and a burst of at least 1");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    /** Takes one token: 0 when the caller may go on, otherwise how many milliseconds until one would be there. */
    public synchronized long take(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * perNano);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e6));
    }
}
