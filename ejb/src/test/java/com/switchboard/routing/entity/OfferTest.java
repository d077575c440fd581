package com.switchboard.routing.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OfferTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void anOfferIsAcceptedOnlyWhilePendingAndBeforeItsDeadline() {
        var offer = new Offer(null, 1, null, NOW, NOW.plusSeconds(30));
        assertEquals("offer.expired", assertThrows(RequestRejectedException.class,
                () -> offer.accept(NOW.plusSeconds(30))).code(), "at the deadline it is gone");
        offer.accept(NOW.plusSeconds(29));
        assertEquals(OfferStatus.ACCEPTED, offer.getStatus());
        assertEquals("offer.decided", assertThrows(RequestRejectedException.class,
                () -> offer.reject(NOW.plusSeconds(29))).code());
    }

    @Test
    void aDecidedOfferStaysDecided() {
        var offer = new Offer(null, 1, null, NOW, NOW.plusSeconds(30));
        offer.reject(NOW);
        assertEquals("offer.decided", assertThrows(RequestRejectedException.class,
                () -> offer.accept(NOW)).code());
        assertEquals(OfferStatus.REJECTED, offer.getStatus());
    }
}
