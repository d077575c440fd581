package com.switchboard.visitor.control;

import com.switchboard.input.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The tokens handed to new visitors before they have a row: {@code random.signature}, 128 random bits and the
 * first 128 bits of HMAC-SHA256 over them under the installation's visitor-token key, URL-safe Base64 (45
 * characters, within the token column's 64). A token that verifies was issued by this installation, so the
 * visitor's row can be made when they first act, without remembering the tokens handed out.
 */
public class VisitorTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int BYTES = 16;
    private static final int LENGTH = 22;
    private static final byte[] LABEL = "switchboard.visitor\n".getBytes(StandardCharsets.US_ASCII);
    private final byte[] key;

    public VisitorTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("The visitor-token key needs at least 256 bits");
        }
        this.key = key.clone();
    }

    public String issue() {
        var random = new byte[BYTES];
        RANDOM.nextBytes(random);
        var payload = ENCODER.encodeToString(random);
        return payload + "." + sign(payload);
    }

    /** Whether this installation issued the token (with this key). */
    public boolean issued(String token) {
        if (token == null || token.length() != 2 * LENGTH + 1 || token.charAt(LENGTH) != '.') {
            return false;
        }
        var payload = token.substring(0, LENGTH);
        return Signatures.matches(sign(payload), token.substring(LENGTH + 1));
    }

    private String sign(String payload) {
        // A label of their own: the same key could never make a token valid for another purpose.
        var signature = Signatures.hmacSha256(key, LABEL, payload.getBytes(StandardCharsets.US_ASCII));
        return ENCODER.encodeToString(Arrays.copyOf(signature, BYTES));
    }
}
