package com.switchboard.integration.entity;

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
 * An outbound event (docs/JMS-CONTRACT.md) that committed and has not been sent yet: the outbox. Written in the
 * transaction of the change it reports, deleted once the broker has it.
 */
@Entity
@Table(name = "outbound_event")
@IdClass(OutboundEvent.Key.class)
@NamedQuery(name = OutboundEvent.UNSENT_BEFORE,
        query = "SELECT e FROM OutboundEvent e WHERE e.createdAt < :before ORDER BY e.createdAt")
public class OutboundEvent {

    public static final String UNSENT_BEFORE = "OutboundEvent.unsentBefore";

    /** The primary key: an event is its conversation's event number {@code seq}. */
    public static class Key implements Serializable {
        private long conversationId;
        private long seq;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.conversationId == conversationId && key.seq == seq;
        }

        @Override
        public int hashCode() {
            return Objects.hash(conversationId, seq);
        }
    }

    @Id
    @Column(name = "conversation_id")
    private long conversationId;

    @Id
    private long seq;

    private String type;

    @Column(name = "inbox_id")
    private long inboxId;

    @Column(name = "external_id")
    private String externalId;

    /** The event's JSON, as subscribers get it. */
    private String body;

    @Column(name = "created_at")
    private Instant createdAt;

    protected OutboundEvent() {
    }

    public OutboundEvent(long conversationId, long seq, String type, long inboxId, String externalId, String body,
                         Instant createdAt) {
        this.conversationId = conversationId;
        this.seq = seq;
        this.type = type;
        this.inboxId = inboxId;
        this.externalId = externalId;
        this.body = body;
        this.createdAt = createdAt;
    }

    public long getConversationId() {
        return conversationId;
    }

    public long getSeq() {
        return seq;
    }

    public String getType() {
        return type;
    }

    public long getInboxId() {
        return inboxId;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getBody() {
        return body;
    }
}
