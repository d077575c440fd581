package com.switchboard.rating.boundary;

import com.switchboard.inbox.entity.RatingScale;
import com.switchboard.rating.entity.ConversationRating;
import java.time.Instant;

/** A conversation's rating as the visitor, the agents and the admins see it; {@code score} null: not rated yet. */
public record RatingView(long conversationId, RatingScale scale, Integer score, Boolean satisfied, String comment,
                         Instant ratedAt) {

    static RatingView of(ConversationRating rating) {
        return new RatingView(rating.getConversationId(), rating.getScale(), rating.getScore(), rating.isSatisfied(),
                rating.getComment(), rating.getRatedAt());
    }

    static RatingView notYet(long conversationId, RatingScale scale) {
        return new RatingView(conversationId, scale, null, null, null, null);
    }

    public boolean rated() {
        return score != null;
    }

    /** "4/5" or "good"/"bad", for people. */
    public String label() {
        if (score == null) {
            return "";
        }
        return scale == RatingScale.GOOD_BAD ? (score == 1 ? "good" : "bad") : score + "/5";
    }
}
