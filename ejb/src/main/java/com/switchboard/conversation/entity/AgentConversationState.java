package com.switchboard.conversation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One agent's own view of one conversation: read position, "mark unread", draft reply. */
@Entity
@Table(name = "agent_conversation_state")
@NamedQuery(name = AgentConversationState.DELETE_OF_CONVERSATIONS,
        query = "DELETE FROM AgentConversationState s WHERE s.key.conversationId IN :ids")
public class AgentConversationState {

    public static final String DELETE_OF_CONVERSATIONS = "AgentConversationState.deleteOfConversations";

    @EmbeddedId
    private AgentConversationKey key;

    @Column(name = "read_seq")
    private long readSeq;

    @Column(name = "marked_unread")
    private boolean markedUnread;

    private String draft;

    @Column(name = "draft_updated_at")
    private Instant draftUpdatedAt;

    protected AgentConversationState() {
    }

    public AgentConversationState(AgentConversationKey key) {
        this.key = key;
    }

    /** Reading never goes backwards: an older tab reporting a lower position changes nothing. */
    public void readUpTo(long seq) {
        readSeq = Math.max(readSeq, seq);
        markedUnread = false;
    }

    public void markUnread() {
        markedUnread = true;
    }

    /** A blank draft is no draft. */
    public void keepDraft(String text, Instant when) {
        draft = text;
        draftUpdatedAt = text == null ? null : when;
    }

    public long getReadSeq() {
        return readSeq;
    }

    public boolean isMarkedUnread() {
        return markedUnread;
    }

    public String getDraft() {
        return draft;
    }
}
