package com.switchboard.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstGoesThroughThenTheRateHolds() {
        var limit = new RateLimit(10, 3, 0);

        assertEquals(0, limit.take(0));
        assertEquals(0, limit.take(0));
        assertEquals(0, limit.take(0));
        assertEquals(100, limit.take(0), "one token every 100 ms");
        assertEquals(50, limit.take(SECOND / 20), "half a token is back after 50 ms");
        assertEquals(0, limit.take(SECOND / 10));
        assertTrue(limit.take(SECOND / 10) > 0);
    }

    @Test
    void anIdleConnectionGetsNoMoreThanItsBurstBack() {
        var limit = new RateLimit(10, 2, 0);

        assertEquals(0, limit.take(3600 * SECOND));
        assertEquals(0, limit.take(3600 * SECOND));
        assertTrue(limit.take(3600 * SECOND) > 0);
    }

    @Test
    void aLimitNeedsARateAndABurst() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(1, 0, 0));
    }
}
