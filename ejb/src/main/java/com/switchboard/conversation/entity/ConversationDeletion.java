package com.switchboard.conversation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What the audit keeps of a deleted conversation: which, how big, who deleted it and when. Never its content. */
@Entity
@Table(name = "conversation_deletion")
public class ConversationDeletion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "conversation_id")
    private long conversationId;

    @Column(name = "inbox_id")
    private long inboxId;

    private long messages;

    @Column(name = "deleted_by")
    private long deletedBy;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected ConversationDeletion() {
    }

    public ConversationDeletion(Conversation conversation, long deletedBy, Instant deletedAt) {
        this.conversationId = conversation.getId();
        this.inboxId = conversation.getInbox().getId();
        this.messages = conversation.activity().lastSeq();
        this.deletedBy = deletedBy;
        this.deletedAt = deletedAt;
    }
}
