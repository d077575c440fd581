package com.switchboard.integration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An inbound message whose effect is stored: its row is inserted in the same transaction as the effect, so its
 * primary key (the sender's {@code externalId}) lets each message act once, however often it is delivered.
 */
@Entity
@Table(name = "inbound_message")
public class HandledInbound {

    @Id
    @Column(name = "external_id")
    private String externalId;

    @Column(name = "message_type")
    private String type;

    @Column(name = "conversation_id")
    private Long conversationId;

    @Column(name = "processed_at")
    private Instant processedAt;

    protected HandledInbound() {
    }

    public HandledInbound(String externalId, String type, Instant processedAt) {
        this.externalId = externalId;
        this.type = type;
        this.processedAt = processedAt;
    }

    public void concerns(long conversationId) {
        this.conversationId = conversationId;
    }

    public String getExternalId() {
        return externalId;
    }

    public Long getConversationId() {
        return conversationId;
    }
}
