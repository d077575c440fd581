package com.switchboard.conversation.boundary;

import com.switchboard.conversation.entity.ConversationStatus;

/**
 * A conversation as a reconnecting client needs it: its status, the seq of its last public message and the name
 * of the agent holding it (null while nobody does).
 */
public record ConversationPosition(long conversationId, ConversationStatus status, long lastSeq, String agentName) {
}
