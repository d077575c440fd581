package com.switchboard.agent.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.UUID;

/** Jakarta Security's PBKDF2 with OWASP's current work factor for HMAC-SHA512. */
@Dependent
public class PasswordHashing {

    /** A hash of a password nobody knows, made with the same work factor; any one does. */
    private static volatile String decoy;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32"));
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    /**
     * Whether the password matches the hash. Without a hash (no such account) a decoy is verified instead, so a
     * refusal takes as long whether the account exists or not and the time tells no one which e-mails are known.
     */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            pbkdf2.verify(password.toCharArray(), decoy());
            return false;
        }
        return pbkdf2.verify(password.toCharArray(), hash);
    }

    private String decoy() {
        var hash = decoy;
        if (hash == null) {
            hash = pbkdf2.generate(UUID.randomUUID().toString().toCharArray());
            decoy = hash;
        }
        return hash;
    }
}
