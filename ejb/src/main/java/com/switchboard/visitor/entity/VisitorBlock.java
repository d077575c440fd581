package com.switchboard.visitor.entity;

import com.switchboard.agent.entity.Agent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * Shuts a visitor out, or every visitor from an address or network, until it expires (never, without an end) or
 * someone lifts it. A lifted block stays, with who lifted it and when: the history of blocks is never lost.
 */
@Entity
@Table(name = "visitor_block")
@NamedQuery(name = VisitorBlock.IN_FORCE,
        query = "SELECT b FROM VisitorBlock b WHERE b.liftedAt IS NULL AND (b.expiresAt IS NULL OR b.expiresAt > :now)"
                + " ORDER BY b.blockedAt DESC")
@NamedQuery(name = VisitorBlock.NETWORKS_IN_FORCE_FOR_VISITOR,
        query = "SELECT b.networkCidr FROM VisitorBlock b WHERE b.liftedAt IS NULL"
                + " AND (b.expiresAt IS NULL OR b.expiresAt > :now)"
                + " AND (b.visitor.id = :visitorId OR b.networkCidr IS NOT NULL)")
@NamedQuery(name = VisitorBlock.ALL, query = "SELECT b FROM VisitorBlock b ORDER BY b.blockedAt DESC, b.id DESC")
public class VisitorBlock {

    public static final String IN_FORCE = "VisitorBlock.inForce";
    public static final String ALL = "VisitorBlock.all";
    /** The blocks in force that may cover one visitor: theirs (as a null network) and every network's. */
    public static final String NETWORKS_IN_FORCE_FOR_VISITOR = "VisitorBlock.networksInForceForVisitor";
    public static final int MAX_REASON = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The blocked visitor; null for a network block. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "visitor_id")
    private Visitor visitor;

    /** The blocked network in canonical CIDR form; null for a visitor block. */
    @Column(name = "network_cidr")
    private String networkCidr;

    private String reason;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "blocked_by")
    private Agent blockedBy;

    @Column(name = "blocked_at")
    private Instant blockedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "lifted_by")
    private Agent liftedBy;

    @Column(name = "lifted_at")
    private Instant liftedAt;

    @Version
    private long version;

    protected VisitorBlock() {
    }

    private VisitorBlock(Visitor visitor, Network network, String reason, Agent blockedBy, Instant blockedAt,
                         Instant expiresAt) {
        this.visitor = visitor;
        this.networkCidr = network == null ? null : network.cidr();
        this.reason = reason;
        this.blockedBy = blockedBy;
        this.blockedAt = blockedAt;
        this.expiresAt = expiresAt;
    }

    public static VisitorBlock ofVisitor(Visitor visitor, String reason, Agent by, Instant at, Instant until) {
        return new VisitorBlock(visitor, null, reason, by, at, until);
    }

    public static VisitorBlock ofNetwork(Network network, String reason, Agent by, Instant at, Instant until) {
        return new VisitorBlock(null, network, reason, by, at, until);
    }

    public boolean inForce(Instant now) {
        return liftedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public void lift(Agent by, Instant at) {
        liftedBy = by;
        liftedAt = at;
    }

    public Long getId() {
        return id;
    }

    public Visitor getVisitor() {
        return visitor;
    }

    public String getNetworkCidr() {
        return networkCidr;
    }

    public String getReason() {
        return reason;
    }

    public Agent getBlockedBy() {
        return blockedBy;
    }

    public Instant getBlockedAt() {
        return blockedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Agent getLiftedBy() {
        return liftedBy;
    }

    public Instant getLiftedAt() {
        return liftedAt;
    }
}
