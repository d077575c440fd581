package com.switchboard.input;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one way Switchboard signs: agents' and visitors' tokens, the identities customers' sites vouch for. */
public final class Signatures {

    private static final String ALGORITHM = "HmacSHA256";

    private Signatures() {
    }

    /** The HMAC-SHA256 under {@code key} of the {@code parts} one after the other. */
    public static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            for (var part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * Whether a signature as given matches the one expected (both in an ASCII encoding), in a time that does not
     * tell a forger how much of it was right.
     */
    public static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }
}
