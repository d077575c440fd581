package com.switchboard.rating.control;

import com.switchboard.inbox.entity.RatingScale;

/**
 * Fired (CDI) in the transaction that stored a visitor's rating; the outbound topic's publisher observes it
 * ({@code conversation.rated}, docs/JMS-CONTRACT.md). The conversation's row is locked by then.
 */
public record ConversationRated(long conversationId, long inboxId, Long agentId, RatingScale scale, int score,
                                boolean satisfied, String comment) {

    public static final String TYPE = "conversation.rated";
}
