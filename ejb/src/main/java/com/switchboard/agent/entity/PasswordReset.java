package com.switchboard.agent.entity;

import com.switchboard.input.RequestRejectedException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An agent's request to choose a new password through a link sent by e-mail. The row keeps the SHA-256 of the
 * link's token, never the token: the token is random (256 bits), so a hash without salt or stretching is enough,
 * and looking it up needs no scan. A link works once, until it expires.
 */
@Entity
@Table(name = "password_reset")
@NamedQuery(name = PasswordReset.BY_HASH, query = "SELECT r FROM PasswordReset r WHERE r.tokenHash = :hash")
@NamedQuery(name = PasswordReset.COUNT_SINCE,
        query = "SELECT COUNT(r) FROM PasswordReset r WHERE r.agentId = :agentId AND r.createdAt > :since")
@NamedQuery(name = PasswordReset.USE_ALL, query = "UPDATE PasswordReset r SET r.usedAt = :now "
        + "WHERE r.agentId = :agentId AND r.usedAt IS NULL")
@NamedQuery(name = PasswordReset.DELETE_EXPIRED,
        query = "DELETE FROM PasswordReset r WHERE r.agentId = :agentId AND r.expiresAt < :before")
public class PasswordReset {

    public static final String BY_HASH = "PasswordReset.byHash";
    public static final String COUNT_SINCE = "PasswordReset.countSince";
    public static final String USE_ALL = "PasswordReset.useAll";
    public static final String DELETE_EXPIRED = "PasswordReset.deleteExpired";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agent_id")
    private long agentId;

    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected PasswordReset() {
    }

    public PasswordReset(long agentId, String token, Instant now, Duration validity) {
        this.agentId = agentId;
        this.tokenHash = hash(token);
        this.createdAt = now;
        this.expiresAt = now.plus(validity);
    }

    /** The hex SHA-256 of a link's token, as rows keep it. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Refuses a link that was used (or made void by another one's use) or has expired; each says what to do.
     */
    public void requireUsable(Instant now) {
        if (usedAt != null) {
            throw RequestRejectedException.invalid("password-reset.used", "This link to choose a new password "
                    + "has been used already. Ask for a new one if you still need it.");
        }
        if (!now.isBefore(expiresAt)) {
            throw RequestRejectedException.invalid("password-reset.expired", "This link to choose a new password "
                    + "has expired. Ask for a new one.");
        }
    }

    public long getAgentId() {
        return agentId;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getUsedAt() {
        return usedAt;
    }
}
