package com.switchboard.conversation.boundary;

import com.switchboard.conversation.entity.Message;
import java.time.Instant;
import java.util.List;

/**
 * One message of a transcript; {@code agentId} is set for agent messages and notes; {@code options} are offered
 * to the visitor (empty for most messages) and {@code pickedOption} is the visitor's pick among them.
 */
public record TranscriptEntry(long seq, String author, Long agentId, String text, Long quoteSeq, Instant at,
                              List<String> options, Integer pickedOption) {

    static TranscriptEntry of(Message message) {
        var agent = message.getAuthorAgent();
        return new TranscriptEntry(message.getSeq(), message.getAuthorType().name(),
                agent == null ? null : agent.getId(), message.getBody(), message.getQuoteSeq(),
                message.getCreatedAt(), message.getOptions(), message.getPickedOption());
    }
}
