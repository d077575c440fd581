package com.switchboard.routing.entity;

import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.platform.boundary.RequestRejectedException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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
 * An agent asked into a conversation until a deadline. Accepted, they take part in it, or, when the inviter
 * chose to leave, they hold it instead of the inviter. Like an {@link Offer}, the row is the truth and a decided
 * invitation never changes again. One pending invitation per conversation at a time.
 */
@Entity
@Table(name = "invitation")
@NamedQuery(name = Invitation.PENDING_OF_CONVERSATION,
        query = "SELECT i FROM Invitation i WHERE i.conversation.id = :conversationId AND i.status = "
                + "com.switchboard.routing.entity.OfferStatus.PENDING")
@NamedQuery(name = Invitation.DUE,
        query = "SELECT i.id FROM Invitation i WHERE i.status = com.switchboard.routing.entity.OfferStatus.PENDING "
                + "AND i.deadline <= :now ORDER BY i.deadline")
@NamedQuery(name = Invitation.ALL_PENDING,
        query = "SELECT i FROM Invitation i WHERE i.status = com.switchboard.routing.entity.OfferStatus.PENDING")
@NamedQuery(name = Invitation.DELETE_OF_CONVERSATIONS,
        query = "DELETE FROM Invitation i WHERE i.conversation.id IN :ids")
public class Invitation {

    public static final String PENDING_OF_CONVERSATION = "Invitation.pendingOfConversation";
    public static final String DUE = "Invitation.due";
    public static final String ALL_PENDING = "Invitation.allPending";
    public static final String DELETE_OF_CONVERSATIONS = "Invitation.deleteOfConversations";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "conversation_id")
    private Conversation conversation;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "invitee_id")
    private Agent invitee;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "inviter_id")
    private Agent inviter;

    /** The inviter hands the conversation to the invitee on accept, instead of staying with them. */
    @Column(name = "inviter_leaves")
    private boolean inviterLeaves;

    /** PENDING, ACCEPTED, REJECTED (declined), EXPIRED or CANCELLED, as for offers. */
    @Enumerated(EnumType.STRING)
    private OfferStatus status;

    @Column(name = "created_at")
    private Instant createdAt;

    private Instant deadline;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Version
    private long version;

    protected Invitation() {
    }

    public Invitation(Conversation conversation, Agent invitee, Agent inviter, boolean inviterLeaves, Instant now,
                      Instant deadline) {
        this.conversation = conversation;
        this.invitee = invitee;
        this.inviter = inviter;
        this.inviterLeaves = inviterLeaves;
        this.status = OfferStatus.PENDING;
        this.createdAt = now;
        this.deadline = deadline;
    }

    public void accept(Instant now) {
        requirePending();
        if (!deadline.isAfter(now)) {
            throw RequestRejectedException.conflict("invitation.expired", "This invitation has expired.");
        }
        decide(OfferStatus.ACCEPTED, now);
    }

    public void decline(Instant now) {
        requirePending();
        decide(OfferStatus.REJECTED, now);
    }

    public void expire(Instant now) {
        decide(OfferStatus.EXPIRED, now);
    }

    public void cancel(Instant now) {
        decide(OfferStatus.CANCELLED, now);
    }

    public boolean isPending() {
        return status == OfferStatus.PENDING;
    }

    public boolean isDue(Instant now) {
        return !deadline.isAfter(now);
    }

    private void requirePending() {
        if (!isPending()) {
            throw RequestRejectedException.conflict("invitation.decided",
                    "This invitation was " + status.name().toLowerCase() + " already.");
        }
    }

    private void decide(OfferStatus outcome, Instant now) {
        status = outcome;
        decidedAt = now;
    }

    public Long getId() {
        return id;
    }

    public Conversation getConversation() {
        return conversation;
    }

    public Agent getInvitee() {
        return invitee;
    }

    public Agent getInviter() {
        return inviter;
    }

    public boolean isInviterLeaves() {
        return inviterLeaves;
    }

    public OfferStatus getStatus() {
        return status;
    }

    public Instant getDeadline() {
        return deadline;
    }
}
