package com.switchboard.routing.control;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonObject;
import java.io.StringReader;

/**
 * A message on the routing queue: route one conversation, drain the inboxes of an agent who can take more,
 * withdraw the offers of an agent who left, or those made to the visitors of a block while it was being made.
 * Handling any of them twice changes nothing the second time.
 */
public record RoutingRequest(Kind kind, long id) {

    public enum Kind {
        /** {@code id}: a conversation that waits. */
        ROUTE,
        /** {@code id}: an agent who may take more; their inboxes' queues are drained. */
        DRAIN_AGENT,
        /** {@code id}: an agent who left; their pending offers go to others. */
        WITHDRAW_AGENT,
        /** {@code id}: a block that committed; offers made to its visitors by routers under way are withdrawn. */
        WITHDRAW_BLOCKED
    }

    public JsonObject toJson() {
        return JSON.createObjectBuilder().add("kind", kind.name()).add("id", id).build();
    }

    public static RoutingRequest fromJson(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            var o = reader.readObject();
            return new RoutingRequest(Kind.valueOf(o.getString("kind")), o.getJsonNumber("id").longValueExact());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a routing request: " + e.getMessage(), e);
        }
    }
}
