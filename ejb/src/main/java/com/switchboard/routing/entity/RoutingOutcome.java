package com.switchboard.routing.entity;

/** What a routing step did with a conversation. */
public enum RoutingOutcome {
    /** Offered to the chosen agent. */
    OFFERED,
    /** Nobody could take it: it waits in the queue. */
    WAITING,
    /** MANUAL inbox: it waits for a supervisor to assign it. */
    MANUAL,
    /** BROADCAST inbox: every online member was told; the first to take it gets it. */
    BROADCAST,
    ACCEPTED,
    REJECTED,
    EXPIRED,
    /** The offer was withdrawn (the agent went offline or away). */
    CANCELLED,
    /** Taken by an agent from a broadcast, or assigned by hand. */
    ASSIGNED,
    /** Handed to another agent (as an offer) or moved to another inbox's queue. */
    TRANSFERRED,
    /** Its agent went offline and the inbox re-routes their conversations: back in the queue. */
    RELEASED
}
