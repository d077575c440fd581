package com.switchboard.rating.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.inbox.entity.RatingScale;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.rating.entity.Rating;
import org.junit.jupiter.api.Test;

class RatingTest {

    @Test
    void fivePointScaleTakesOneToFiveAndFourIsSatisfied() {
        assertFalse(new Rating(RatingScale.FIVE, 3, null).satisfied());
        assertTrue(new Rating(RatingScale.FIVE, 4, "").satisfied());
        assertEquals("score", code(() -> new Rating(RatingScale.FIVE, 0, null)));
        assertEquals("score", code(() -> new Rating(RatingScale.FIVE, 6, null)));
    }

    @Test
    void goodBadScaleTakesZeroAndOne() {
        assertTrue(new Rating(RatingScale.GOOD_BAD, 1, null).satisfied());
        assertFalse(new Rating(RatingScale.GOOD_BAD, 0, null).satisfied());
        assertEquals("score", code(() -> new Rating(RatingScale.GOOD_BAD, 2, null)));
    }

    @Test
    void anInboxThatAsksNothingTakesNothing() {
        assertEquals("not-asked", code(() -> new Rating(RatingScale.NONE, 1, null)));
    }

    @Test
    void commentsAreTrimmedBlankIsNoneAndTheLimitCountsCharacters() {
        assertNull(new Rating(RatingScale.FIVE, 5, "  \n ").comment());
        assertEquals("Thanks!", new Rating(RatingScale.FIVE, 5, "  Thanks! ").comment());
        var emojis = "😀".repeat(Rating.MAX_COMMENT);
        assertEquals(emojis, new Rating(RatingScale.FIVE, 5, emojis).comment());
        assertEquals("comment-too-long", code(() -> new Rating(RatingScale.FIVE, 5, "x".repeat(Rating.MAX_COMMENT + 1))));
        assertThrows(RequestRejectedException.class, () -> new Rating(RatingScale.FIVE, 5, "bell\u0007"));
    }

    private static String code(Runnable rating) {
        var refused = assertThrows(RequestRejectedException.class, rating::run);
        return refused.code().replace("rating.", "");
    }
}
