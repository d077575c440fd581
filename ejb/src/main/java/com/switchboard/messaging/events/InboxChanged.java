package com.switchboard.messaging.events;

import jakarta.json.JsonObject;

/** An inbox's settings changed: every node drops what it keeps of the inbox. */
public record InboxChanged(long inboxId) implements InternalEvent {

    public static final String TYPE = "inbox.changed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return InternalEvents.withId("inboxId", inboxId);
    }
}
