package com.switchboard.routing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * An agent who rejected this conversation's offer is not offered it again until the exclusion ends; one who let
 * it expire comes after everyone else who can take it (and gets it again at once when nobody else can). So a
 * conversation moves on instead of bouncing, and an agent alone on duty is not locked out by one missed offer.
 */
@Entity
@Table(name = "routing_exclusion")
@IdClass(RoutingExclusion.Key.class)
@NamedQuery(name = RoutingExclusion.IN_FORCE,
        query = "SELECT e FROM RoutingExclusion e WHERE e.conversationId = :conversationId AND e.expiresAt > :now")
@NamedQuery(name = RoutingExclusion.DELETE_OF_CONVERSATIONS,
        query = "DELETE FROM RoutingExclusion e WHERE e.conversationId IN :ids")
public class RoutingExclusion {

    public static final String IN_FORCE = "RoutingExclusion.inForce";
    public static final String DELETE_OF_CONVERSATIONS = "RoutingExclusion.deleteOfConversations";

    /** The primary key: one exclusion per agent and conversation. */
    public static class Key implements Serializable {
        private long conversationId;
        private long agentId;

        public Key() {
        }

        public Key(long conversationId, long agentId) {
            this.conversationId = conversationId;
            this.agentId = agentId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.conversationId == conversationId && key.agentId == agentId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(conversationId, agentId);
        }
    }

    @Id
    @Column(name = "conversation_id")
    private long conversationId;

    @Id
    @Column(name = "agent_id")
    private long agentId;

    @Column(name = "reason")
    private String reason;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected RoutingExclusion() {
    }

    public RoutingExclusion(long conversationId, long agentId, OfferStatus reason, Instant expiresAt) {
        this.conversationId = conversationId;
        this.agentId = agentId;
        this.reason = reason.name();
        this.expiresAt = expiresAt;
    }

    /** Excluded again (a second rejection): the exclusion starts over. */
    public void renew(OfferStatus newReason, Instant until) {
        reason = newReason.name();
        expiresAt = until;
    }

    public long getAgentId() {
        return agentId;
    }

    public String getReason() {
        return reason;
    }
}
