package com.switchboard.conversation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * Whether the conversation is on its customer's card: it is, until an agent unpins it (once: the first unpinning is
 * the one recorded, with who did it).
 */
@Embeddable
public class CustomerCardPin {

    @Column(name = "customer_unpinned_at")
    private Instant unpinnedAt;

    @Column(name = "customer_unpinned_by")
    private Long unpinnedBy;

    public void unpin(long agentId, Instant when) {
        if (unpinnedAt == null) {
            unpinnedAt = when;
            unpinnedBy = agentId;
        }
    }

    public boolean isUnpinned() {
        return unpinnedAt != null;
    }
}
