package com.switchboard.agent.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

@Entity
@Table(name = "agent")
@NamedQuery(name = Agent.BY_EMAIL, query = "SELECT a FROM Agent a WHERE a.email = :email")
@NamedQuery(name = Agent.COUNT, query = "SELECT COUNT(a) FROM Agent a")
@NamedQuery(name = Agent.ACTIVE, query = "SELECT a FROM Agent a WHERE a.active = TRUE")
public class Agent {

    public static final String BY_EMAIL = "Agent.byEmail";
    public static final String COUNT = "Agent.count";
    public static final String ACTIVE = "Agent.active";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String email;

    @Column(name = "display_name")
    private String displayName;

    /** What visitors see instead of the account name, unless the inbox has an operator name; null: none. */
    @Column(name = "public_name")
    private String publicName;

    @Column(name = "password_hash")
    private String passwordHash;

    /** Tokens issued before this (epoch milliseconds, as tokens say when they were issued) are revoked. */
    @Column(name = "tokens_valid_from_ms")
    private Long tokensValidFrom;

    /** Comma-separated {@link Role} names: a handful of fixed values, read with every login. */
    private String roles;

    private boolean active;

    @Enumerated(EnumType.STRING)
    private Presence presence;

    @Column(name = "presence_changed_at")
    private Instant presenceChangedAt;

    /** Cap over all inboxes; null when only the per-inbox capacities apply. */
    @Column(name = "max_conversations")
    private Integer maxConversations;

    @Column(name = "created_at")
    private Instant createdAt;

    /**
     * When the agent last got a conversation: the tie-breaker of AUTO routing. Written by native SQL only
     * ({@code Router.markAssigned}), so that getting conversations never makes an edit of the account conflict.
     */
    @Column(name = "last_assigned_at", updatable = false, insertable = false)
    private Instant lastAssignedAt;

    @Version
    private long version;

    protected Agent() {
    }

    public Agent(String email, String displayName, String passwordHash, Set<Role> roles) {
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.active = true;
        this.presence = Presence.OFFLINE;
        this.createdAt = Instant.now();
        changeRoles(roles);
    }

    public final void changeRoles(Set<Role> newRoles) {
        this.roles = newRoles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    /** Every token issued until now stops working, on every node (each check reads this row). */
    public void revokeTokens(Instant now) {
        this.tokensValidFrom = now.toEpochMilli();
    }

    /** Whether a token issued at {@code issuedAt} (null: a token that does not say) is still accepted. */
    public boolean acceptsTokenIssuedAt(Instant issuedAt) {
        return tokensValidFrom == null || issuedAt != null && issuedAt.toEpochMilli() >= tokensValidFrom;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    /** Deactivated agents keep their history but cannot sign in, and take no conversations. */
    public void deactivate(Instant when) {
        active = false;
        changePresence(Presence.OFFLINE, when);
    }

    public void changePresence(Presence newPresence, Instant when) {
        if (presence != newPresence) {
            presence = newPresence;
            presenceChangedAt = when;
        }
    }

    public void limitConversations(Integer cap) {
        this.maxConversations = cap;
    }

    public Instant getLastAssignedAt() {
        return lastAssignedAt;
    }

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getPublicName() {
        return publicName;
    }

    /** Null, or a name checked by {@code PublicName}. */
    public void namePublicly(String name) {
        this.publicName = name;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public boolean isActive() {
        return active;
    }

    public Presence getPresence() {
        return presence;
    }

    public Integer getMaxConversations() {
        return maxConversations;
    }

    public long getVersion() {
        return version;
    }

    public Set<Role> getRoles() {
        var set = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).filter(r -> !r.isBlank()).map(Role::valueOf).forEach(set::add);
        return set;
    }
}
