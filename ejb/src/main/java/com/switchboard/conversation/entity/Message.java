package com.switchboard.conversation.entity;

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
import java.time.Instant;

@Entity
@Table(name = "message")
@NamedQuery(name = Message.COUNT_BY_INBOX,
        query = "SELECT m.conversation.inbox.id, COUNT(m) FROM Message m GROUP BY m.conversation.inbox.id")
public class Message {

    public static final String COUNT_BY_INBOX = "Message.countByInbox";
    public static final int MAX_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "conversation_id")
    private Conversation conversation;

    private long seq;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_type")
    private AuthorType authorType;

    private String body;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Message() {
    }

    Message(Conversation conversation, long seq, AuthorType authorType, String body, Instant createdAt) {
        this.conversation = conversation;
        this.seq = seq;
        this.authorType = authorType;
        this.body = body;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public Conversation getConversation() {
        return conversation;
    }

    public long getSeq() {
        return seq;
    }

    public AuthorType getAuthorType() {
        return authorType;
    }

    public String getBody() {
        return body;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
