package com.switchboard.mail.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutgoingMailTest {

    private static final Duration DELAY = Duration.ofMinutes(1);
    private static final Duration MAX = Duration.ofHours(1);
    private final Instant now = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void backOffDoublesPerAttemptUpToTheCap() {
        assertEquals(Duration.ofMinutes(1), OutgoingMail.backOff(1, DELAY, MAX));
        assertEquals(Duration.ofMinutes(2), OutgoingMail.backOff(2, DELAY, MAX));
        assertEquals(Duration.ofMinutes(32), OutgoingMail.backOff(6, DELAY, MAX));
        assertEquals(MAX, OutgoingMail.backOff(7, DELAY, MAX));
        assertEquals(MAX, OutgoingMail.backOff(60, DELAY, MAX));
    }

    @Test
    void aFailedAttemptPutsTheMailOffAndKeepsTheReason() {
        var mail = new OutgoingMail("v@example.com", "Re", "Body", 1L, now);
        assertTrue(mail.isDue(now));
        mail.failed("Connection refused", false, 3, DELAY, MAX, now);
        assertEquals(MailStatus.PENDING, mail.getStatus());
        assertEquals(now.plus(DELAY), mail.getNextAttemptAt());
        assertFalse(mail.isDue(now));
        assertEquals("Connection refused", mail.getLastError());
    }

    @Test
    void theLastAttemptOrARefusalForGoodFailsIt() {
        var mail = new OutgoingMail("v@example.com", "Re", "Body", 1L, now);
        mail.failed("down", false, 2, DELAY, MAX, now);
        mail.failed("down", false, 2, DELAY, MAX, now);
        assertEquals(MailStatus.FAILED, mail.getStatus());
        assertNull(mail.getNextAttemptAt());
        var refused = new OutgoingMail("v@example.com", "Re", "Body", 1L, now);
        refused.failed("550 no such user", true, 8, DELAY, MAX, now);
        assertEquals(MailStatus.FAILED, refused.getStatus());
        refused.retry(now);
        assertEquals(MailStatus.PENDING, refused.getStatus());
        assertEquals(0, refused.getAttempts());
        assertTrue(refused.isDue(now));
    }

    @Test
    void aSentMailKeepsNoBody() {
        var mail = new OutgoingMail("v@example.com", "Re", "Your link: https://x.example/#token=abc", null, now);
        mail.sent(now);
        assertEquals(MailStatus.SENT, mail.getStatus());
        assertEquals("", mail.getBody());
    }

    @Test
    void aMailWhoseContentExpiredIsFailedBlankedAndNotTriedAgain() {
        var expiresAt = now.plus(Duration.ofMinutes(30));
        var mail = new OutgoingMail("a@example.com", "Link", "https://x.example/#token=abc", null, now, expiresAt);
        assertFalse(mail.isExpired(now));
        mail.failed("Connection refused", false, 8, DELAY, MAX, now);
        assertTrue(mail.isExpired(expiresAt));
        mail.expired();
        assertEquals(MailStatus.FAILED, mail.getStatus());
        assertEquals("", mail.getBody());
        assertNull(mail.getNextAttemptAt());
        assertTrue(mail.getLastError().contains("expired") && mail.getLastError().contains("Connection refused"),
                mail.getLastError());
        mail.retry(expiresAt);
        assertEquals(MailStatus.FAILED, mail.getStatus(), "a link that no longer works is not sent again");
        assertFalse(new OutgoingMail("v@example.com", "Re", "Body", 1L, now).isExpired(now.plus(MAX)),
                "other mails never expire");
        assertTrue(new OutgoingMail("a@example.com", "Link", "", null, now, expiresAt).isExpired(now),
                "a body blanked by a sweep on a node whose clock is ahead never goes");
    }
}
