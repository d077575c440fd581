package com.switchboard.agent.control;

import com.switchboard.input.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Short-lived signed tokens with which a signed-in agent calls the API and opens WebSockets:
 * {@code agentId.expiry.issuedMillis.signature}, HMAC-SHA256 over the first three parts. The issue time lets an
 * agent's tokens be revoked ({@code Agent.revokeTokens}). Any node verifies them with the installation's shared key, no lookup.
 */
public class AgentTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final byte[] key;
    private final Clock clock;

    public AgentTokens(byte[] key, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("The signing key needs at least 256 bits");
        }
        this.key = key.clone();
        this.clock = clock;
    }

    /** A token that holds: whom it was issued to, and when (null for tokens issued before they said so). */
    public record Verified(long agentId, Instant issuedAt) {
    }

    public String issue(long agentId, Duration validity) {
        var now = clock.instant();
        var payload = agentId + "." + now.plus(validity).getEpochSecond() + "." + now.toEpochMilli();
        return payload + "." + sign(payload);
    }

    /**
     * The agent the token was issued to and when, if its signature holds and it has not expired. Tokens of the
     * earlier form {@code agentId.expiry.signature} are still accepted until they expire, with no issue time.
     */
    public Optional<Verified> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var parts = token.split("\\.");
        if (parts.length != 3 && parts.length != 4) {
            return Optional.empty();
        }
        var payload = token.substring(0, token.lastIndexOf('.'));
        if (!Signatures.matches(sign(payload), parts[parts.length - 1])) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(parts[1]) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            var issuedAt = parts.length == 4 ? Instant.ofEpochMilli(Long.parseLong(parts[2])) : null;
            return Optional.of(new Verified(Long.parseLong(parts[0]), issuedAt));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** When a token that {@link #verify verified} expires. */
    public static Instant expiryOf(String verifiedToken) {
        return Instant.ofEpochSecond(Long.parseLong(verifiedToken.split("\\.")[1]));
    }

    private String sign(String payload) {
        return ENCODER.encodeToString(Signatures.hmacSha256(key, payload.getBytes(StandardCharsets.UTF_8)));
    }
}
