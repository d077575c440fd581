package com.switchboard.conversation.control;

/**
 * A CDI event, fired inside the transaction that started a conversation (a visitor's first message in an inbox, or
 * the first after an archived one). Observers act within that transaction. {@code inboxOnline}: whether a member of
 * the inbox was online as it started (read once, for every observer that asks).
 */
public record ConversationOpened(long conversationId, long inboxId, boolean inboxOnline) {
}
