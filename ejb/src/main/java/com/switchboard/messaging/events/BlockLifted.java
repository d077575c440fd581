package com.switchboard.messaging.events;

import jakarta.json.JsonObject;

/** A block was lifted: every node renews the blocks it keeps in force. */
public record BlockLifted(long blockId) implements InternalEvent {

    public static final String TYPE = "visitor.block-lifted";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return InternalEvents.withId("blockId", blockId);
    }
}
