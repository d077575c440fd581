package com.switchboard.conversation.boundary;

import com.switchboard.conversation.entity.Message;
import java.time.Instant;

/** One message of a transcript; {@code agentId} is set for agent messages and notes. */
public record TranscriptEntry(long seq, String author, Long agentId, String text, Long quoteSeq, Instant at) {

    static TranscriptEntry of(Message message) {
        var agent = message.getAuthorAgent();
        return new TranscriptEntry(message.getSeq(), message.getAuthorType().name(),
                agent == null ? null : agent.getId(), message.getBody(), message.getQuoteSeq(),
                message.getCreatedAt());
    }
}
