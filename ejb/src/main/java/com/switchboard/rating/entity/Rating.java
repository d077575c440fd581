package com.switchboard.rating.entity;

import com.switchboard.inbox.entity.RatingScale;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;

/**
 * A rating as the visitor gives it, valid by construction: a score on the inbox's scale (1–5, or 0 bad / 1 good)
 * and an optional comment of at most {@link #MAX_COMMENT} characters (blank is none).
 */
public record Rating(RatingScale scale, int score, String comment) {

    public static final int MAX_COMMENT = 1000;

    public Rating {
        if (scale == null || scale == RatingScale.NONE) {
            throw RequestRejectedException.conflict("rating.not-asked", "This inbox does not ask for ratings.");
        }
        if (!scale.accepts(score)) {
            throw RequestRejectedException.invalid("rating.score", scale == RatingScale.FIVE
                    ? "A rating is a whole number from 1 to 5." : "A rating is 1 (good) or 0 (bad).");
        }
        comment = comment == null || comment.isBlank() ? null : UnicodeText.text(comment, "comment").strip();
        if (comment != null && comment.codePointCount(0, comment.length()) > MAX_COMMENT) {
            throw RequestRejectedException.invalid("rating.comment-too-long",
                    "A comment may have at most " + MAX_COMMENT + " characters.");
        }
    }

    public boolean satisfied() {
        return scale.satisfied(score);
    }
}
