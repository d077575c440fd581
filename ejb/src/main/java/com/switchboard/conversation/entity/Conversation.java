package com.switchboard.conversation.entity;

import com.switchboard.inbox.entity.Inbox;
import com.switchboard.visitor.entity.Visitor;
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

@Entity
@Table(name = "conversation")
@NamedQuery(name = Conversation.LATEST_OF_VISITOR_IN_INBOX,
        query = "SELECT c FROM Conversation c WHERE c.visitor.id = :visitorId AND c.inbox.id = :inboxId "
                + "ORDER BY c.id DESC")
public class Conversation {

    public static final String LATEST_OF_VISITOR_IN_INBOX = "Conversation.latestOfVisitorInInbox";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "inbox_id")
    private Inbox inbox;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "visitor_id")
    private Visitor visitor;

    @Enumerated(EnumType.STRING)
    private ConversationStatus status;

    /** Sequence number of the newest event; the next message gets {@code lastSeq + 1}. */
    @Column(name = "last_seq")
    private long lastSeq;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "last_activity_at")
    private Instant lastActivityAt;

    @Version
    private long version;

    protected Conversation() {
    }

    public Conversation(Inbox inbox, Visitor visitor) {
        this.inbox = inbox;
        this.visitor = visitor;
        this.status = ConversationStatus.WAITING;
        this.createdAt = Instant.now();
        this.lastActivityAt = createdAt;
    }

    /** Appends a message with the next sequence number. The caller holds the conversation's row lock. */
    public Message append(AuthorType authorType, String body) {
        lastSeq++;
        lastActivityAt = Instant.now();
        return new Message(this, lastSeq, authorType, body, lastActivityAt);
    }

    public Long getId() {
        return id;
    }

    public Inbox getInbox() {
        return inbox;
    }

    public ConversationStatus getStatus() {
        return status;
    }

    public long getLastSeq() {
        return lastSeq;
    }
}
