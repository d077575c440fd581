package com.switchboard.conversation.boundary;

import com.switchboard.attachment.entity.AttachedFile;
import com.switchboard.conversation.entity.Message;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One message of a transcript, with its attachments; {@code agentId} is set for agent messages and notes. */
public record TranscriptEntry(long seq, String author, Long agentId, String text, Long quoteSeq, Instant at,
                              List<AttachedFile> attachments) {

    static TranscriptEntry of(Message message, Map<Long, List<AttachedFile>> attachmentsBySeq) {
        var agent = message.getAuthorAgent();
        return new TranscriptEntry(message.getSeq(), message.getAuthorType().name(),
                agent == null ? null : agent.getId(), message.getBody(), message.getQuoteSeq(),
                message.getCreatedAt(), attachmentsBySeq.getOrDefault(message.getSeq(), List.of()));
    }
}
