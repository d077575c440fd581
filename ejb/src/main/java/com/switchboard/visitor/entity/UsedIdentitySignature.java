package com.switchboard.visitor.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signature already used: its primary key makes a replay fail on insert, on any node. */
@Entity
@Table(name = "identity_signature")
@NamedQuery(name = UsedIdentitySignature.DELETE_EXPIRED,
        query = "DELETE FROM UsedIdentitySignature s WHERE s.expiresAt < :now")
public class UsedIdentitySignature {

    public static final String DELETE_EXPIRED = "UsedIdentitySignature.deleteExpired";

    @Id
    @Column(name = "signature_hash")
    private String fingerprint;

    /** After this, the signature's timestamp is outside the window anyway, so the row can go. */
    @Column(name = "expires_at")
    private Instant expiresAt;

    protected UsedIdentitySignature() {
    }

    public UsedIdentitySignature(String fingerprint, Instant expiresAt) {
        this.fingerprint = fingerprint;
        this.expiresAt = expiresAt;
    }
}
