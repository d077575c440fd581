package com.switchboard.conversation.control;

/**
 * A CDI event, fired inside the transaction that archived a conversation; archiving an archived one fires
 * nothing. Observers act within that transaction.
 */
public record ConversationArchived(long conversationId, long inboxId) {
}
