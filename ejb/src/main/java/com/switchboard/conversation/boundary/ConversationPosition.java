package com.switchboard.conversation.boundary;

import com.switchboard.conversation.entity.ConversationStatus;

/** A conversation as a reconnecting client needs it: its status and the seq of its last public message. */
public record ConversationPosition(long conversationId, ConversationStatus status, long lastSeq) {
}
