package com.switchboard.conversation.boundary;

import com.switchboard.attachment.entity.AttachedFile;
import com.switchboard.conversation.entity.Message;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message of a transcript; {@code agentId} is set for agent messages and notes; {@code options} are offered
 * to the visitor (empty for most messages) and {@code pickedOption} is the visitor's pick among them;
 * {@code attachments} are the files sent with the message.
 */
public record TranscriptEntry(long seq, String author, Long agentId, String text, Long quoteSeq, Instant at,
                              List<String> options, Integer pickedOption, List<AttachedFile> attachments) {

    static TranscriptEntry of(Message message, Map<Long, List<AttachedFile>> attachmentsBySeq) {
        var agent = message.getAuthorAgent();
        return new TranscriptEntry(message.getSeq(), message.getAuthorType().name(),
                agent == null ? null : agent.getId(), message.getBody(), message.getQuoteSeq(),
                message.getCreatedAt(), message.getOptions(), message.getPickedOption(),
                attachmentsBySeq.getOrDefault(message.getSeq(), List.of()));
    }
}
