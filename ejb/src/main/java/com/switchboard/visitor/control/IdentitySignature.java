package com.switchboard.visitor.control;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.Signatures;
import com.switchboard.visitor.entity.VerifiedIdentity;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * How the customer's site vouches for a visitor: HMAC-SHA256, keyed with the inbox's identity secret, over
 * {@code externalId \n name \n email \n timestamp} (absent fields as empty strings, the timestamp in Unix seconds),
 * as lower-case hex. A signature is accepted within {@link #WINDOW} of its timestamp, in either direction (clocks
 * differ), and once only: the caller records it (see {@link #fingerprint}).
 */
public final class IdentitySignature {

    public static final Duration WINDOW = Duration.ofMinutes(5);

    private IdentitySignature() {
    }

    public static String sign(String secret, VerifiedIdentity identity, long timestamp) {
        return HexFormat.of().formatHex(Signatures.hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                canonical(identity, timestamp).getBytes(StandardCharsets.UTF_8)));
    }

    /** Refuses a signature that does not match, or whose timestamp is outside the window around {@code now}. */
    public static void verify(String secret, VerifiedIdentity identity, long timestamp, String signature, Instant now) {
        if (secret == null) {
            throw RequestRejectedException.forbidden("visitor.identity.not-enabled",
                    "This inbox does not accept signed identities: an admin must create its identity secret.");
        }
        var expected = sign(secret, identity, timestamp);
        var given = Objects.requireNonNullElse(signature, "").strip().toLowerCase();
        if (!Signatures.matches(expected, given)) {
            throw RequestRejectedException.forbidden("visitor.identity.signature",
                    "The identity's signature does not match.");
        }
        if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(WINDOW) > 0) {
            throw RequestRejectedException.forbidden("visitor.identity.expired",
                    "The identity was signed too long ago (or in the future): sign it when the page is served.");
        }
    }

    /** What is kept of a used signature to refuse its replay: a hash, not the signature itself. */
    public static String fingerprint(String signature) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(signature.strip().toLowerCase().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String canonical(VerifiedIdentity identity, long timestamp) {
        return String.join("\n", identity.externalId(), Objects.requireNonNullElse(identity.name(), ""),
                Objects.requireNonNullElse(identity.email(), ""), Long.toString(timestamp));
    }
}
