package com.switchboard.conversation.control;

/**
 * A CDI event, fired inside the transaction that made it so: the conversation started waiting for an agent (new,
 * reopened without an agent, or let go). Observers act within that transaction; routing queues a request that
 * the broker delivers only after the commit.
 */
public record ConversationWaiting(long conversationId) {
}
