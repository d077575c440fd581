package com.switchboard.inbox.entity;

/** How an inbox's waiting conversations reach agents. */
public enum AssignmentMode {
    /** The router offers each conversation to one agent. */
    AUTO,
    /** A supervisor assigns each conversation. */
    MANUAL,
    /** Every online member sees it; the first to take it gets it. */
    BROADCAST
}
