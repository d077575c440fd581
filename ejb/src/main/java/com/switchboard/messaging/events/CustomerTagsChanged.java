package com.switchboard.messaging.events;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonObject;

/** The catalogue of customer tags changed: every console reads it again. The body is the agents' frame. */
public record CustomerTagsChanged() implements InternalEvent {

    public static final String TYPE = "customer-tags.changed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return JSON.createObjectBuilder().add("type", TYPE).build();
    }
}
