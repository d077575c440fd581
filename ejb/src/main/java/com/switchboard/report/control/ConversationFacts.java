package com.switchboard.report.control;

import java.time.Instant;

/**
 * What a report needs of one conversation: when it started, was first answered, first reached an agent (accepted,
 * assigned or taken; null if never) and closed (null while open), and whether its visitor's rating said they were
 * satisfied (null: not rated).
 */
public record ConversationFacts(Instant createdAt, Instant firstResponseAt, Instant assignedAt, Instant closedAt,
                                Boolean satisfied) {

    public ConversationFacts(Instant createdAt, Instant firstResponseAt, Instant assignedAt, Instant closedAt) {
        this(createdAt, firstResponseAt, assignedAt, closedAt, null);
    }

    /** Closed before any agent had it: the visitor gave up waiting (or the inbox's inactivity closed it). */
    public boolean abandoned() {
        return closedAt != null && assignedAt == null && firstResponseAt == null;
    }
}
