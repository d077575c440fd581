package com.switchboard.conversation.boundary;

import java.time.Instant;

/** What the sender learns about a message that was stored. */
public record PostedMessage(long conversationId, long seq, Instant at) {
}
