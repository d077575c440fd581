package com.switchboard.conversation.control;

import com.switchboard.conversation.entity.EndedBy;

/**
 * A CDI event, fired inside the transaction that archived a conversation ({@code by} an agent or an admin);
 * archiving an archived one fires nothing. Observers act within that transaction.
 */
public record ConversationArchived(long conversationId, long inboxId, EndedBy by) {
}
