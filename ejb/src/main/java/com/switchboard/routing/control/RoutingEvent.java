package com.switchboard.routing.control;

import static com.switchboard.platform.control.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * What routing tells the consoles, through the events topic after commit. With {@code agentId} it concerns that
 * agent (their offer, their new conversation); without, every member of the inbox (a broadcast).
 */
public record RoutingEvent(String type, long conversationId, long inboxId, Long agentId, Long offerId,
                           Instant deadline) {

    public static final String OFFER_CREATED = "offer.created";
    public static final String OFFER_WITHDRAWN = "offer.withdrawn";
    public static final String ASSIGNED = "conversation.assigned";
    public static final String BROADCAST = "conversation.broadcast";
    public static final String TAKEN = "conversation.taken";
    public static final String TRANSFERRED = "conversation.transferred";

    /** Whether the conversation has another holder (or none) after it. */
    public boolean changesHolder() {
        return ASSIGNED.equals(type) || TAKEN.equals(type) || TRANSFERRED.equals(type);
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("type", type).add("conversationId", conversationId)
                .add("inboxId", inboxId);
        if (agentId != null) {
            json.add("agentId", agentId);
        }
        if (offerId != null) {
            json.add("offerId", offerId);
        }
        if (deadline != null) {
            json.add("deadline", deadline.toString());
        }
        return json.build();
    }
}
