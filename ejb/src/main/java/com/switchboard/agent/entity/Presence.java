package com.switchboard.agent.entity;

public enum Presence {
    /** Takes new conversations. */
    ONLINE,
    /** Signed in, keeps their conversations, takes no new ones. */
    AWAY,
    OFFLINE
}
