package com.switchboard.inbox.boundary;

import com.switchboard.agent.entity.Presence;
import com.switchboard.inbox.entity.InboxMembership;

/** An agent of an inbox, with the capacity they have there. */
public record Member(long agentId, String displayName, int capacity, Presence presence) {

    static Member of(InboxMembership membership) {
        var agent = membership.getAgent();
        return new Member(agent.getId(), agent.getDisplayName(), membership.getCapacity(), agent.getPresence());
    }
}
