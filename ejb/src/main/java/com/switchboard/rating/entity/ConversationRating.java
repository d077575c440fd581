package com.switchboard.rating.entity;

import com.switchboard.inbox.entity.RatingScale;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The visitor's rating of one conversation, given once after it was closed. {@code agentId} is who held the
 * conversation then; {@code satisfied} is the score read on the scale it was given on.
 */
@Entity
@Table(name = "conversation_rating")
public class ConversationRating {

    @Id
    @Column(name = "conversation_id")
    private Long conversationId;

    @Column(name = "inbox_id")
    private long inboxId;

    @Column(name = "agent_id")
    private Long agentId;

    @Enumerated(EnumType.STRING)
    private RatingScale scale;

    private int score;

    private boolean satisfied;

    @Column(name = "comment_text")
    private String comment;

    @Column(name = "rated_at")
    private Instant ratedAt;

    protected ConversationRating() {
    }

    public ConversationRating(long conversationId, long inboxId, Long agentId, Rating rating, Instant now) {
        this.conversationId = conversationId;
        this.inboxId = inboxId;
        this.agentId = agentId;
        this.scale = rating.scale();
        this.score = rating.score();
        this.satisfied = rating.satisfied();
        this.comment = rating.comment();
        this.ratedAt = now;
    }

    public Long getConversationId() {
        return conversationId;
    }

    public long getInboxId() {
        return inboxId;
    }

    public Long getAgentId() {
        return agentId;
    }

    public RatingScale getScale() {
        return scale;
    }

    public int getScore() {
        return score;
    }

    public boolean isSatisfied() {
        return satisfied;
    }

    public String getComment() {
        return comment;
    }

    public Instant getRatedAt() {
        return ratedAt;
    }
}
