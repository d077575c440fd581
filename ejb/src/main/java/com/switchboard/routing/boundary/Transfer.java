package com.switchboard.routing.boundary;

/**
 * Where a transferred conversation went: its inbox now, the agent it was handed to (null for a move to an inbox's
 * queue) and the offer they must accept (null when there is none: a closed conversation is handed over directly).
 */
public record Transfer(long conversationId, long inboxId, Long agentId, Long offerId) {
}
