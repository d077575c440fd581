package com.switchboard.report.control;

import java.time.Instant;

/**
 * What a report needs of one conversation: when it started, was first answered, first reached an agent (accepted,
 * assigned or taken; null if never) and closed (null while open).
 */
public record ConversationFacts(Instant createdAt, Instant firstResponseAt, Instant assignedAt, Instant closedAt) {

    /** Closed before any agent had it: the visitor gave up waiting (or the inbox's inactivity closed it). */
    public boolean abandoned() {
        return closedAt != null && assignedAt == null && firstResponseAt == null;
    }
}
