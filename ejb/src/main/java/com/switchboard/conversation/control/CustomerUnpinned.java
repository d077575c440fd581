package com.switchboard.conversation.control;

/**
 * A CDI event, fired inside the transaction that unpinned a conversation from its customer (the visitor
 * {@code visitorId}): the customer's card changed for whoever has it open.
 */
public record CustomerUnpinned(long conversationId, long visitorId) {
}
