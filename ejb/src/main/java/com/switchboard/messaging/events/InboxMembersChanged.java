package com.switchboard.messaging.events;

import jakarta.json.JsonObject;

/** Who belongs to an inbox changed: every node reads its members again. */
public record InboxMembersChanged(long inboxId) implements InternalEvent {

    public static final String TYPE = "inbox.members";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return InternalEvents.withId("inboxId", inboxId);
    }
}
