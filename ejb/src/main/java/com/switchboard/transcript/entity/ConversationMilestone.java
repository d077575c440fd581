package com.switchboard.transcript.entity;

import com.switchboard.conversation.entity.EndedBy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A conversation closed or was archived, after its entry {@code afterSeq}, by someone: the history the conversation's own row
 * does not keep (it holds the latest close only). A reopening needs no row: it is the first message of the visitor
 * or an agent after a close.
 */
@Entity
@Table(name = "conversation_milestone")
@NamedQuery(name = ConversationMilestone.OF_CONVERSATION,
        query = "SELECT m FROM ConversationMilestone m WHERE m.conversationId = :conversationId ORDER BY m.id")
@NamedQuery(name = ConversationMilestone.DELETE_OF_CONVERSATIONS,
        query = "DELETE FROM ConversationMilestone m WHERE m.conversationId IN :ids")
public class ConversationMilestone {

    public static final String OF_CONVERSATION = "ConversationMilestone.ofConversation";
    public static final String DELETE_OF_CONVERSATIONS = "ConversationMilestone.deleteOfConversations";

    public enum Kind { CLOSED, ARCHIVED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "conversation_id")
    private long conversationId;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    @Column(name = "after_seq")
    private long afterSeq;

    @Column(name = "happened_at")
    private Instant at;

    /** Who (EndedBy); null for the milestones made before this was kept. */
    @Enumerated(EnumType.STRING)
    @Column(name = "actor_kind")
    private EndedBy.Kind actorKind;

    @Column(name = "actor_agent_id")
    private Long actorAgentId;

    @Column(name = "actor_name")
    private String actorName;

    protected ConversationMilestone() {
    }

    public ConversationMilestone(long conversationId, Kind kind, long afterSeq, Instant at, EndedBy by) {
        this.conversationId = conversationId;
        this.kind = kind;
        this.afterSeq = afterSeq;
        this.at = at;
        this.actorKind = by.kind();
        this.actorAgentId = by.agentId();
        this.actorName = by.name();
    }

    /** Who closed or archived it; null for milestones older than this record. */
    public EndedBy getBy() {
        return EndedBy.of(actorKind, actorAgentId, actorName);
    }

    public Kind getKind() {
        return kind;
    }

    public long getAfterSeq() {
        return afterSeq;
    }

    public Instant getAt() {
        return at;
    }
}
