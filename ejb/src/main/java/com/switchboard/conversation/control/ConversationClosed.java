package com.switchboard.conversation.control;

import com.switchboard.conversation.entity.EndedBy;

/**
 * A CDI event, fired inside the transaction that closed an open conversation ({@code by} an agent, the visitor, a
 * legacy system, the inactivity policy). Closing a closed one fires nothing. Observers act within that transaction.
 */
public record ConversationClosed(long conversationId, long inboxId, EndedBy by) {
}
