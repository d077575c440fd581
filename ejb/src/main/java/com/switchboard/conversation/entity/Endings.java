package com.switchboard.conversation.entity;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import java.time.Instant;

/**
 * When and by whom a conversation was (last) closed, and archived: each null until then. An archived conversation
 * keeps its close; a reopened one forgets it.
 */
@Embeddable
public class Endings {

    @Embedded
    @AttributeOverride(name = "endedAt", column = @Column(name = "closed_at"))
    @AttributeOverride(name = "byKind", column = @Column(name = "closed_by_kind"))
    @AttributeOverride(name = "byAgentId", column = @Column(name = "closed_by_agent_id"))
    @AttributeOverride(name = "byName", column = @Column(name = "closed_by_name"))
    private Ending closed;

    @Embedded
    @AttributeOverride(name = "endedAt", column = @Column(name = "archived_at"))
    @AttributeOverride(name = "byKind", column = @Column(name = "archived_by_kind"))
    @AttributeOverride(name = "byAgentId", column = @Column(name = "archived_by_agent_id"))
    @AttributeOverride(name = "byName", column = @Column(name = "archived_by_name"))
    private Ending archived;

    void closed(Instant when, EndedBy by) {
        closed = new Ending(when, by);
    }

    void reopened() {
        closed = null;
    }

    void archived(Instant when, EndedBy by) {
        archived = new Ending(when, by);
    }

    /** Null while open. */
    public Instant closedAt() {
        return closed == null ? null : closed.endedAt();
    }

    /** Null while open (or closed before who closed it was kept). */
    public EndedBy closedBy() {
        return closed == null ? null : closed.by();
    }

    /** Null unless archived. */
    public Instant archivedAt() {
        return archived == null ? null : archived.endedAt();
    }

    public EndedBy archivedBy() {
        return archived == null ? null : archived.by();
    }
}
