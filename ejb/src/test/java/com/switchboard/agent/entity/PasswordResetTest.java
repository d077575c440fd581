package com.switchboard.agent.entity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PasswordResetTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void onlyTheTokensSha256IsKept() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PasswordReset.hash("abc"));
    }

    @Test
    void aLinkWorksUntilItExpires() {
        var reset = new PasswordReset(7, "token", NOW, Duration.ofMinutes(30));
        assertDoesNotThrow(() -> reset.requireUsable(NOW.plus(Duration.ofMinutes(29))));
        var expired = assertThrows(RequestRejectedException.class,
                () -> reset.requireUsable(NOW.plus(Duration.ofMinutes(30))));
        assertEquals("password-reset.expired", expired.code());
    }
}
