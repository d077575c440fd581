package com.switchboard.visitor.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.entity.VerifiedIdentity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdentitySignatureTest {

    private static final String SECRET = "inbox-secret";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final VerifiedIdentity ada = new VerifiedIdentity("42", "Ada Lovelace", "ada@example.com");

    @Test
    void matchesTheDocumentedHmacOverTheCanonicalForm() {
        // Computed independently: printf '42\nAda Lovelace\nada@example.com\n1795341600' | openssl dgst -sha256 -hmac inbox-secret
        assertEquals("42\nAda Lovelace\nada@example.com\n1795341600",
                IdentitySignature.canonical(ada, NOW.getEpochSecond()));
        assertEquals("b8ef5d0764ccd58aabb6a596200bd4065bf2fbfa3e9e60a806d6622df883e13a",
                IdentitySignature.sign(SECRET, ada, NOW.getEpochSecond()));
    }

    @Test
    void aFreshSignatureOfTheSameFieldsIsAccepted() {
        var signature = IdentitySignature.sign(SECRET, ada, NOW.getEpochSecond());
        assertDoesNotThrow(() -> IdentitySignature.verify(SECRET, ada, NOW.getEpochSecond(), signature,
                NOW.plusSeconds(299)));
        assertDoesNotThrow(() -> IdentitySignature.verify(SECRET, ada, NOW.getEpochSecond(),
                signature.toUpperCase(), NOW.minusSeconds(299)));
    }

    @Test
    void anyChangedFieldOrKeyBreaksTheSignature() {
        var signature = IdentitySignature.sign(SECRET, ada, NOW.getEpochSecond());
        var renamed = new VerifiedIdentity("42", "Ada King", "ada@example.com");
        var otherId = new VerifiedIdentity("43", "Ada Lovelace", "ada@example.com");

        assertEquals("visitor.identity.signature", refusal(SECRET, renamed, NOW.getEpochSecond(), signature, NOW));
        assertEquals("visitor.identity.signature", refusal(SECRET, otherId, NOW.getEpochSecond(), signature, NOW));
        assertEquals("visitor.identity.signature", refusal("other", ada, NOW.getEpochSecond(), signature, NOW));
        assertEquals("visitor.identity.signature", refusal(SECRET, ada, NOW.getEpochSecond() + 1, signature, NOW));
        assertEquals("visitor.identity.signature", refusal(SECRET, ada, NOW.getEpochSecond(), null, NOW));
        // Fields are separated, so moving characters between them changes the signature.
        assertNotEquals(IdentitySignature.sign(SECRET, new VerifiedIdentity("4", "2Ada", null), 1),
                IdentitySignature.sign(SECRET, new VerifiedIdentity("42", "Ada", null), 1));
    }

    @Test
    void signaturesOutsideTheWindowOrWithoutASecretAreRefused() {
        var old = NOW.minusSeconds(301).getEpochSecond();
        var future = NOW.plusSeconds(301).getEpochSecond();

        assertEquals("visitor.identity.expired", refusal(SECRET, ada, old, IdentitySignature.sign(SECRET, ada, old), NOW));
        assertEquals("visitor.identity.expired",
                refusal(SECRET, ada, future, IdentitySignature.sign(SECRET, ada, future), NOW));
        assertEquals("visitor.identity.not-enabled", refusal(null, ada, NOW.getEpochSecond(), "x", NOW));
    }

    @Test
    void theReplayFingerprintIgnoresCaseButNothingElse() {
        assertEquals(IdentitySignature.fingerprint("ABCdef"), IdentitySignature.fingerprint(" abcDEF "));
        assertNotEquals(IdentitySignature.fingerprint("abcdef"), IdentitySignature.fingerprint("abcdee"));
    }

    private static String refusal(String secret, VerifiedIdentity identity, long timestamp, String signature,
                                  Instant now) {
        return assertThrows(RequestRejectedException.class,
                () -> IdentitySignature.verify(secret, identity, timestamp, signature, now)).code();
    }
}
