package com.switchboard.integration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A conversation as the outbound events topic counts it: the number of its last event (read and raised under this
 * row's lock, so numbers are gap-free and follow the commit order) and the inbound message that opened it.
 */
@Entity
@Table(name = "outbound_conversation")
public class OutboundConversation {

    @Id
    @Column(name = "conversation_id")
    private Long conversationId;

    @Column(name = "last_seq")
    private long lastSeq;

    @Column(name = "opened_by")
    private String openedBy;

    protected OutboundConversation() {
    }

    public OutboundConversation(long conversationId, String openedBy) {
        this.conversationId = conversationId;
        this.openedBy = openedBy;
    }

    /** @return the number of the conversation's next event. */
    public long nextSeq() {
        return ++lastSeq;
    }

    public String getOpenedBy() {
        return openedBy;
    }
}
