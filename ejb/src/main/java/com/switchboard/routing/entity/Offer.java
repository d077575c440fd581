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
 * A conversation offered to one agent until a deadline. The row is the offer's truth: timers and the sweeper
 * only decide when to look at it, and a decided offer never changes again, so every handler is idempotent.
 */
@Entity
@Table(name = "offer")
@NamedQuery(name = Offer.PENDING_OF_CONVERSATION,
        query = "SELECT o FROM Offer o WHERE o.conversation.id = :conversationId AND o.answer.status = "
                + "com.switchboard.routing.entity.OfferStatus.PENDING")
@NamedQuery(name = Offer.PENDING_OF_AGENT,
        query = "SELECT o FROM Offer o WHERE o.agent.id = :agentId AND o.answer.status = "
                + "com.switchboard.routing.entity.OfferStatus.PENDING")
@NamedQuery(name = Offer.PENDING,
        query = "SELECT o FROM Offer o WHERE o.answer.status = com.switchboard.routing.entity.OfferStatus.PENDING")
@NamedQuery(name = Offer.PENDING_OF_VISITOR,
        query = "SELECT o FROM Offer o WHERE o.conversation.visitor.id = :visitorId AND o.answer.status = "
                + "com.switchboard.routing.entity.OfferStatus.PENDING")
@NamedQuery(name = Offer.DUE,
        query = "SELECT o.id FROM Offer o WHERE o.answer.status = com.switchboard.routing.entity.OfferStatus.PENDING "
                + "AND o.answer.deadline <= :now ORDER BY o.answer.deadline")
@NamedQuery(name = Offer.ALL_PENDING,
        query = "SELECT o FROM Offer o WHERE o.answer.status = com.switchboard.routing.entity.OfferStatus.PENDING")
public class Offer {

    public static final String PENDING_OF_CONVERSATION = "Offer.pendingOfConversation";
    public static final String PENDING_OF_AGENT = "Offer.pendingOfAgent";
    public static final String PENDING = "Offer.pending";
    public static final String PENDING_OF_VISITOR = "Offer.pendingOfVisitor";
    public static final String DUE = "Offer.due";
    public static final String ALL_PENDING = "Offer.allPending";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "conversation_id")
    private Conversation conversation;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "agent_id")
    private Agent agent;

    /** Its conversation's inbox, kept so that routing counts loads per inbox from an index alone. */
    @Column(name = "inbox_id")
    private long inboxId;

    @Embedded
    private Answer answer;

    @Version
    private long version;

    protected Offer() {
    }

    /** An offer of the conversation, which waits in the inbox {@code inboxId}, to the agent until the deadline. */
    public Offer(Conversation conversation, long inboxId, Agent agent, Instant createdAt, Instant deadline) {
        this.conversation = conversation;
        this.agent = agent;
        this.inboxId = inboxId;
        this.answer = new Answer(createdAt, deadline);
    }

    /** The agent says yes in time; after the deadline the offer is gone even if no timer has fired yet. */
    public void accept(Instant now) {
        answer.accept(now, "offer");
    }

    public void reject(Instant now) {
        answer.reject(now, "offer");
    }

    public void expire(Instant now) {
        answer.decide(OfferStatus.EXPIRED, now);
    }

    /** Withdrawn without the agent's doing: they went offline, or the conversation went elsewhere. */
    public void cancel(Instant now) {
        answer.decide(OfferStatus.CANCELLED, now);
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

    public Agent getAgent() {
        return agent;
    }

    public OfferStatus getStatus() {
        return answer.status();
    }

    public Instant getDeadline() {
        return answer.deadline();
    }

    public Instant getCreatedAt() {
        return answer.createdAt();
    }
}
