package com.switchboard.agent.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentTokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final AgentTokens tokens = new AgentTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenNamesTheAgentItWasIssuedTo() {
        assertEquals(Optional.of(new AgentTokens.Verified(42L, NOW)),
                tokens.verify(tokens.issue(42, Duration.ofHours(1))));
    }

    @Test
    void anExpiredTokenIsRefused() {
        var token = tokens.issue(42, Duration.ofMinutes(5));
        var later = new AgentTokens(KEY, Clock.fixed(NOW.plus(Duration.ofMinutes(5)), ZoneOffset.UTC));

        assertEquals(Optional.empty(), later.verify(token));
    }

    @Test
    void changingTheAgentOrTheExpiryBreaksTheSignature() {
        var parts = tokens.issue(42, Duration.ofHours(1)).split("\\.");

        assertEquals(Optional.empty(), tokens.verify("1." + parts[1] + "." + parts[2] + "." + parts[3]));
        assertEquals(Optional.empty(), tokens.verify(parts[0] + ".9999999999." + parts[2] + "." + parts[3]));
        assertEquals(Optional.empty(), tokens.verify(parts[0] + "." + parts[1] + ".9999999999999." + parts[3]),
                "an issue time moved past a revocation breaks it too");
    }

    @Test
    void aTokenOfTheEarlierFormStillHoldsUntilItExpiresWithoutAnIssueTime() {
        var payload = "42." + NOW.plus(Duration.ofHours(1)).getEpochSecond();
        var mac = assertDoesNotThrow(() -> javax.crypto.Mac.getInstance("HmacSHA256"));
        assertDoesNotThrow(() -> mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256")));
        var earlier = payload + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.of(new AgentTokens.Verified(42L, null)), tokens.verify(earlier));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        var other = new AgentTokens("another key of at least 32 bytes!!".getBytes(StandardCharsets.US_ASCII),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertEquals(Optional.empty(), tokens.verify(other.issue(42, Duration.ofHours(1))));
    }

    @Test
    void garbageIsRefusedNotThrown() {
        for (var garbage : new String[] {null, "", "abc", "a.b.c", "1.2", "x.1.sig", "1.x.sig", "1.2.3.4",
                "1.2.3.4.5", "1.9999999999.x.sig"}) {
            assertTrue(tokens.verify(garbage).isEmpty(), String.valueOf(garbage));
        }
    }

    @Test
    void shortKeysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AgentTokens(new byte[16], Clock.systemUTC()));
    }
}
