package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.visitor.boundary.BlockView;
import com.switchboard.visitor.boundary.VisitorView;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;

/** Visitors and blocks as the agent API writes them: absent values as JSON null, times as ISO-8601. */
final class VisitorJson {

    private VisitorJson() {
    }

    static JsonObject of(VisitorView visitor) {
        var tags = JSON.createArrayBuilder();
        visitor.tags().forEach(tags::add);
        var json = JSON.createObjectBuilder().add("visitorId", visitor.id()).add("verified", visitor.verified())
                .add("tags", tags).add("version", visitor.version());
        put(json, "name", visitor.name());
        put(json, "email", visitor.email());
        put(json, "externalId", visitor.externalId());
        put(json, "ipAddress", visitor.ipAddress());
        put(json, "userAgent", visitor.userAgent());
        put(json, "pageUrl", visitor.pageUrl());
        put(json, "pageTitle", visitor.pageTitle());
        put(json, "lastSeenAt", visitor.lastSeenAt());
        put(json, "createdAt", visitor.createdAt());
        return json.build();
    }

    static JsonObject of(BlockView block) {
        var json = JSON.createObjectBuilder().add("blockId", block.id()).add("reason", block.reason())
                .add("blockedBy", block.blockedBy()).add("inForce", block.inForce());
        put(json, "visitorId", block.visitorId());
        put(json, "network", block.network());
        put(json, "blockedAt", block.blockedAt());
        put(json, "expiresAt", block.expiresAt());
        put(json, "liftedBy", block.liftedBy());
        put(json, "liftedAt", block.liftedAt());
        return json.build();
    }

    /** Shared by the agent API's JSON writers: null as JSON null, numbers as numbers, times as ISO-8601. */
    static void put(JsonObjectBuilder json, String field, Object value) {
        if (value == null) {
            json.add(field, JsonValue.NULL);
        } else if (value instanceof Long number) {
            json.add(field, number);
        } else if (value instanceof Instant instant) {
            json.add(field, instant.toString());
        } else {
            json.add(field, value.toString());
        }
    }
}
