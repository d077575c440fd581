package com.switchboard.attachment.entity;

import java.time.Instant;

/** The stored message files are attached to: its id and seq, its conversation, and when it was sent. */
public record AttachedTo(long conversationId, long messageId, long seq, Instant sentAt) {
}
