package com.switchboard.input;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers for visitors, widget keys and secrets. */
public final class SecureTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureTokens() {
    }

    /** {@code bytes} random bytes, URL-safe Base64 without padding (32 bytes give 43 characters). */
    public static String random(int bytes) {
        var buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
