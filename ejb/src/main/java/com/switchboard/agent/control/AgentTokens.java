package com.switchboard.agent.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived signed tokens with which a signed-in agent opens WebSockets: {@code agentId.expiry.signature},
 * HMAC-SHA256 over the first two parts. Any node verifies them with the installation's shared key, no lookup.
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

    public String issue(long agentId, Duration validity) {
        var payload = agentId + "." + clock.instant().plus(validity).getEpochSecond();
        return payload + "." + sign(payload);
    }

    /** The agent the token was issued to, if its signature holds and it has not expired. */
    public Optional<Long> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        var expected = sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(parts[1]) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(parts[0]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** When a token that {@link #verify verified} expires. */
    public static Instant expiryOf(String verifiedToken) {
        return Instant.ofEpochSecond(Long.parseLong(verifiedToken.split("\\.")[1]));
    }

    private String sign(String payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return ENCODER.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
