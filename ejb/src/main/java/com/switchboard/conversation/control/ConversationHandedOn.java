package com.switchboard.conversation.control;

/**
 * A CDI event, fired inside the transaction in which an admin or the holder handed the conversation directly to
 * another agent ({@code ConversationParticipants.handOn}, no offer involved). Observers act within that transaction.
 */
public record ConversationHandedOn(long conversationId, long inboxId, long agentId) {
}
