package com.switchboard.agent.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInFailuresTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void theAllowedFailuresLockForHalfAMinuteAndEachFurtherOneDoublesTheLockUpToAQuarterHour() {
        var failures = new SignInFailures("account:a@example.com", NOW);
        for (int i = 1; i < 5; i++) {
            assertEquals(Optional.empty(), failures.failed(NOW.plusSeconds(i), 5), "failure " + i);
        }
        assertEquals(Optional.of(Duration.ofSeconds(30)), failures.failed(NOW.plusSeconds(5), 5));
        assertEquals(Optional.of(Duration.ofSeconds(60)), failures.failed(NOW.plusSeconds(6), 5));
        assertEquals(Optional.of(Duration.ofSeconds(120)), failures.failed(NOW.plusSeconds(7), 5));
        for (int i = 8; i < 60; i++) {
            failures.failed(NOW.plusSeconds(i), 5);
        }
        assertEquals(Optional.of(SignInFailures.LONGEST_LOCK), failures.lockedFor(NOW.plusSeconds(59)));
    }

    @Test
    void aLockEndsByItselfAndFailuresOutsideTheWindowStartAgain() {
        var failures = new SignInFailures("account:a@example.com", NOW);
        for (int i = 0; i < 5; i++) {
            failures.failed(NOW, 5);
        }
        assertTrue(failures.lockedFor(NOW.plusSeconds(29)).isPresent());
        assertEquals(Optional.empty(), failures.lockedFor(NOW.plusSeconds(30)));

        var later = NOW.plus(SignInFailures.WINDOW).plusSeconds(1);
        assertEquals(Optional.empty(), failures.failed(later, 5), "a new window: one failure, no lock");
        assertEquals(1, failures.failures());
    }

    @Test
    void failuresWhileLockedKeepCountingEvenPastTheWindow() {
        var failures = new SignInFailures("address:203.0.113.9", NOW);
        for (int i = 0; i < 30; i++) {
            failures.failed(NOW.plusSeconds(i), 20);
        }
        var stillLocked = NOW.plus(SignInFailures.WINDOW).minusSeconds(1);
        assertTrue(failures.lockedFor(stillLocked).isPresent());
        assertTrue(failures.failed(stillLocked, 20).isPresent());
        assertEquals(31, failures.failures());
    }
}
