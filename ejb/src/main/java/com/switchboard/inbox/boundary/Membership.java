package com.switchboard.inbox.boundary;

/** An inbox an agent belongs to, with the capacity they have there. */
public record Membership(long inboxId, String inboxName, int capacity) {
}
