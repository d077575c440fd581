package com.switchboard.routing.control;

import com.switchboard.agent.entity.Presence;
import java.time.Instant;

/**
 * A member of the inbox as routing sees them at one moment: presence, their load here and overall (held
 * conversations plus pending offers), their limits, when they last got a conversation, and whether this
 * conversation may go to them at all ({@code exclusion}: why not, or null).
 */
public record Candidate(long agentId, String name, Presence presence, int inboxLoad, int capacity, int totalLoad,
                        Integer agentCap, Instant lastAssignedAt, String exclusion) {

    /** Why this agent cannot get the conversation now, or null when they can. */
    public String skipReason() {
        if (presence != Presence.ONLINE) {
            return presence.name().toLowerCase();
        }
        if (exclusion != null) {
            return exclusion;
        }
        if (inboxLoad >= capacity) {
            return "full in this inbox (" + inboxLoad + "/" + capacity + ")";
        }
        if (agentCap != null && totalLoad >= agentCap) {
            return "at their overall limit (" + totalLoad + "/" + agentCap + ")";
        }
        return null;
    }

    /** The same member as they are now: presence read again, loads counted again. */
    public Candidate now(Presence currentPresence, int currentInboxLoad, int currentTotalLoad) {
        return new Candidate(agentId, name, currentPresence, currentInboxLoad, capacity, currentTotalLoad, agentCap,
                lastAssignedAt, exclusion);
    }

    /** Online with room here and overall: whether they could take some conversation of this inbox. */
    public boolean hasRoom() {
        return presence == Presence.ONLINE && inboxLoad < capacity && (agentCap == null || totalLoad < agentCap);
    }

    public String label() {
        return name + " #" + agentId;
    }
}
