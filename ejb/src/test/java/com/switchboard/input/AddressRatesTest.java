package com.switchboard.input;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressRatesTest {

    private static AddressRates rates(int handshakes, int visitors, int conversations) {
        var rates = new AddressRates();
        rates.handshakesPerMinute = handshakes;
        rates.newVisitorsPerMinute = visitors;
        rates.newConversationsPerMinute = conversations;
        rates.passwordResetsPerMinute = 2;
        rates.check();
        return rates;
    }

    @Test
    void anAddressMayStartAMinutesWorthAtOnceThenIsToldWhenToRetry() {
        var rates = rates(5, 5, 2);
        for (int i = 0; i < 5; i++) {
            rates.admit(AddressRates.Start.HANDSHAKE, "203.0.113.7");
        }
        var refused = assertThrows(RequestRejectedException.class,
                () -> rates.admit(AddressRates.Start.HANDSHAKE, "203.0.113.7"));
        assertEquals("rate.limited", refused.code());
        assertEquals(RequestRejectedException.Kind.TOO_MANY, refused.kind());
        assertTrue(refused.retryAfter().toMillis() > 0 && refused.retryAfter().toMillis() <= 12_000,
                refused.retryAfter().toString());

        // Each kind of start and each address has its own count.
        rates.admit(AddressRates.Start.NEW_CONVERSATION, "203.0.113.7");
        rates.admit(AddressRates.Start.HANDSHAKE, "203.0.113.8");

        rates.admit(AddressRates.Start.PASSWORD_RESET, "203.0.113.7");
        rates.admit(AddressRates.Start.PASSWORD_RESET, "203.0.113.7");
        var resets = assertThrows(RequestRejectedException.class,
                () -> rates.admit(AddressRates.Start.PASSWORD_RESET, "203.0.113.7"));
        assertTrue(resets.getMessage().startsWith("Too many requests for a new password"), resets.getMessage());
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64AndThisHostIsNeverLimited() {
        var rates = rates(1, 1, 1);
        rates.admit(AddressRates.Start.HANDSHAKE, "2001:db8:1:2::1");
        assertThrows(RequestRejectedException.class,
                () -> rates.admit(AddressRates.Start.HANDSHAKE, "2001:db8:1:2:ffff::9"));
        rates.admit(AddressRates.Start.HANDSHAKE, "2001:db8:1:3::1");

        for (int i = 0; i < 10; i++) {
            assertDoesNotThrow(() -> rates.admit(AddressRates.Start.HANDSHAKE, "127.0.0.1"));
            assertDoesNotThrow(() -> rates.admit(AddressRates.Start.HANDSHAKE, "::1"));
            assertDoesNotThrow(() -> rates.admit(AddressRates.Start.NEW_CONVERSATION, null));
        }
        assertNull(AddressRates.key("127.0.0.5"));
        assertEquals(AddressRates.key("2001:db8:1:2::1"), AddressRates.key("2001:db8:1:2:abcd::1"));
    }

    @Test
    void aFloodOfAddressesNeverKeepsMoreThanTheBound() {
        var rates = rates(1, 1, 1);
        for (int i = 0; i < AddressRates.MAX_ADDRESSES + 10; i++) {
            rates.admit(AddressRates.Start.HANDSHAKE, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertTrue(rates.size() <= AddressRates.MAX_ADDRESSES, Integer.toString(rates.size()));
    }
}
