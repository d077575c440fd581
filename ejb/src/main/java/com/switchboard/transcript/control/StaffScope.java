package com.switchboard.transcript.control;

import com.switchboard.agent.entity.Agent;
import java.util.Set;

/**
 * Whose transcripts a reader may take away: an admin every conversation's ({@code inboxIds} null), a supervisor
 * those of the inboxes they are a member of.
 */
public record StaffScope(Agent reader, Set<Long> inboxIds) {

    public boolean everyInbox() {
        return inboxIds == null;
    }

    public boolean covers(long inboxId) {
        return inboxIds == null || inboxIds.contains(inboxId);
    }
}
