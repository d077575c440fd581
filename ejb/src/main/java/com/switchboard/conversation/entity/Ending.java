package com.switchboard.conversation.entity;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;

/**
 * When a conversation was closed, or archived, and by whom ({@link EndedBy}): {@link Endings} keeps one of each,
 * its columns all null until then (who is null too for those ended before it was kept).
 */
@Embeddable
public class Ending {

    private Instant endedAt;

    @Enumerated(EnumType.STRING)
    private EndedBy.Kind byKind;

    private Long byAgentId;

    private String byName;

    protected Ending() {
    }

    Ending(Instant endedAt, EndedBy by) {
        this.endedAt = endedAt;
        this.byKind = by == null ? null : by.kind();
        this.byAgentId = by == null ? null : by.agentId();
        this.byName = by == null ? null : by.name();
    }

    Instant endedAt() {
        return endedAt;
    }

    EndedBy by() {
        return EndedBy.of(byKind, byAgentId, byName);
    }
}
