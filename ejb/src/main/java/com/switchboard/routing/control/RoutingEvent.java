package com.switchboard.routing.control;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.messaging.events.AgentNews;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * What routing tells the consoles, through the events topic after commit. With {@code agentId} it concerns that
 * agent (their offer, their new conversation); without, every member of the inbox (a broadcast). {@code byAgentId}
 * names who did it when an agent did (an assignment by a supervisor, a take): a console alerts its agent only of
 * what others did.
 */
public record RoutingEvent(String type, long conversationId, long inboxId, Long agentId, Long offerId,
                           Instant deadline, Long byAgentId) {

    public static final String OFFER_CREATED = AgentNews.OFFER_CREATED;
    public static final String OFFER_WITHDRAWN = AgentNews.OFFER_WITHDRAWN;
    public static final String ASSIGNED = AgentNews.ASSIGNED;
    public static final String BROADCAST = AgentNews.BROADCAST;
    public static final String TAKEN = AgentNews.TAKEN;
    public static final String TRANSFERRED = AgentNews.TRANSFERRED;

    public RoutingEvent(String type, long conversationId, long inboxId, Long agentId, Long offerId,
                        Instant deadline) {
        this(type, conversationId, inboxId, agentId, offerId, deadline, null);
    }

    /** Whether the conversation has another holder (or none) after it. */
    public boolean changesHolder() {
        return ASSIGNED.equals(type) || TRANSFERRED.equals(type);
    }

    /**
     * The inbox members' news of an assignment (an accepted offer, a take, a supervisor's choice): nobody else may
     * take it now, and a list that showed it waiting or a broadcast on screen drops it.
     */
    public JsonObject takenNews() {
        return new RoutingEvent(TAKEN, conversationId, inboxId, null, null, null, byAgentId).toJson();
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
        if (byAgentId != null) {
            json.add("byAgentId", byAgentId);
        }
        return json.build();
    }
}
