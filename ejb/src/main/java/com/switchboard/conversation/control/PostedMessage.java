package com.switchboard.conversation.control;

import com.switchboard.attachment.entity.AttachedFile;
import java.time.Instant;
import java.util.List;

/**
 * What the sender learns about a message that was stored, with the files stored with it; {@code duplicate} when
 * it had been stored before under the same client id (nothing new was stored).
 */
public record PostedMessage(long conversationId, long seq, Instant at, List<AttachedFile> attachments,
                            boolean duplicate) {

    public PostedMessage {
        attachments = List.copyOf(attachments);
    }

    public PostedMessage(long conversationId, long seq, Instant at, List<AttachedFile> attachments) {
        this(conversationId, seq, at, attachments, false);
    }

    public PostedMessage(long conversationId, long seq, Instant at) {
        this(conversationId, seq, at, List.of(), false);
    }
}
