package com.switchboard.messaging.events;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A block came into force: every node renews the blocks it keeps and closes the sockets of the visitor, or of
 * every visitor connected from the network ({@code networkCidr}). Exactly one of the two is set.
 */
public record BlockImposed(Long visitorId, String networkCidr) implements InternalEvent {

    public static final String TYPE = "visitor.blocked";

    public BlockImposed {
        if ((visitorId == null) == (networkCidr == null)) {
            throw new IllegalArgumentException("A block covers a visitor or a network");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        var json = JSON.createObjectBuilder().add("type", TYPE);
        json.add("visitorId", visitorId == null ? JsonValue.NULL : JSON.createValue(visitorId));
        json.add("network", networkCidr == null ? JsonValue.NULL : JSON.createValue(networkCidr));
        return json.build();
    }

    static BlockImposed fromJson(JsonObject o) {
        return new BlockImposed(o.isNull("visitorId") ? null : o.getJsonNumber("visitorId").longValueExact(),
                o.isNull("network") ? null : o.getString("network"));
    }
}
