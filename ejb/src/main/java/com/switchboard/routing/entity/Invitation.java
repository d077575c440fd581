package com.switchboard.routing.entity;

import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.entity.Conversation;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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
 * An agent asked into a conversation until a deadline. Accepted, they take part in it, or, when the inviter
 * chose to leave, they hold it instead of the inviter. Like an {@link Offer}, the row is the truth and a decided
 * invitation never changes again. One pending invitation per conversation at a time.
 */
@Entity
@Table(name = "invitation")
@NamedQuery(name = Invitation.PENDING_OF_CONVERSATION,
        query = "SELECT i FROM Invitation i WHERE i.conversation.id = :conversationId AND i.answer.status = "
                + "com.switchboard.routing.entity.OfferStatus.PENDING")
@NamedQuery(name = Invitation.DUE,
        query = "SELECT i.id FROM Invitation i WHERE i.answer.status = com.switchboard.routing.entity.OfferStatus.PENDING "
                + "AND i.answer.deadline <= :now ORDER BY i.answer.deadline")
@NamedQuery(name = Invitation.ALL_PENDING,
        query = "SELECT i FROM Invitation i WHERE i.answer.status = com.switchboard.routing.entity.OfferStatus.PENDING")
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
    @Embedded
    private Answer answer;

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
        this.answer = new Answer(now, deadline);
    }

    public void accept(Instant now) {
        answer.accept(now, "invitation");
    }

    public void decline(Instant now) {
        answer.reject(now, "invitation");
    }

    public void expire(Instant now) {
        answer.decide(OfferStatus.EXPIRED, now);
    }

    public boolean isPending() {
        return answer.isPending();
    }

    public boolean isDue(Instant now) {
        return answer.isDue(now);
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
        return answer.status();
    }

    public Instant getDeadline() {
        return answer.deadline();
    }
}
