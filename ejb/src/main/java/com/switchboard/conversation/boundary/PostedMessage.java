package com.switchboard.conversation.boundary;

import com.switchboard.attachment.entity.AttachedFile;
import java.time.Instant;
import java.util.List;

/** What the sender learns about a message that was stored, with the files stored with it. */
public record PostedMessage(long conversationId, long seq, Instant at, List<AttachedFile> attachments) {

    public PostedMessage {
        attachments = List.copyOf(attachments);
    }

    public PostedMessage(long conversationId, long seq, Instant at) {
        this(conversationId, seq, at, List.of());
    }
}
