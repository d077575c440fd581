package com.switchboard.routing.control;

import com.switchboard.agent.entity.Presence;
import java.time.Instant;

/**
 * A member of the inbox as routing sees them at one moment: presence, their load here and overall (held
 * conversations plus pending offers), their limits, when they last got a conversation, whether this
 * conversation may go to them at all ({@code exclusion}: why not, or null) and whether they let its last offer
 * expire ({@code missedOffer}: others come first, but it goes to them again when nobody else can take it).
 */
public record Candidate(long agentId, String name, Presence presence, int inboxLoad, int capacity, int totalLoad,
                        Integer agentCap, Instant lastAssignedAt, String exclusion, boolean missedOffer) {

    static final String MISSED = "let this conversation's offer expire";

    public Candidate(long agentId, String name, Presence presence, int inboxLoad, int capacity, int totalLoad,
                     Integer agentCap, Instant lastAssignedAt, String exclusion) {
        this(agentId, name, presence, inboxLoad, capacity, totalLoad, agentCap, lastAssignedAt, exclusion, false);
    }

    /** Why this agent cannot get the conversation now, or null when they can. */
    public String skipReason() {
        if (presence != Presence.ONLINE) {
            return presence.name().toLowerCase();
        }
        if (exclusion != null) {
            return exclusion;
        }
        if (missedOffer) {
            return MISSED;
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
                lastAssignedAt, exclusion, missedOffer);
    }

    /** The same member offered the conversation again although they missed its last offer: nobody else can. */
    public Candidate givenAnotherChance() {
        return new Candidate(agentId, name, presence, inboxLoad, capacity, totalLoad, agentCap, lastAssignedAt,
                exclusion, false);
    }

    /** Online with room here and overall: whether they could take some conversation of this inbox. */
    public boolean hasRoom() {
        return presence == Presence.ONLINE && inboxLoad < capacity && (agentCap == null || totalLoad < agentCap);
    }

    public String label() {
        return name + " #" + agentId;
    }
}
