package com.switchboard.messaging.events;

import jakarta.json.JsonObject;
import java.util.Set;

/**
 * News for the agents' consoles of routing (offers, assignments, broadcasts, takes, transfers), invitations and
 * ratings: for one agent when {@code agentId} is set, else for every member of the inbox. The body is the frame
 * the consoles get, as routing, invitations and ratings built it (docs/PROTOCOL.md).
 */
public record AgentNews(String type, long inboxId, Long agentId, JsonObject frame) implements InternalEvent {

    public static final String OFFER_CREATED = "offer.created";
    public static final String OFFER_WITHDRAWN = "offer.withdrawn";
    public static final String ASSIGNED = "conversation.assigned";
    public static final String BROADCAST = "conversation.broadcast";
    public static final String TAKEN = "conversation.taken";
    public static final String TRANSFERRED = "conversation.transferred";
    public static final String INVITATION_CREATED = "invitation.created";
    public static final String INVITATION_ANSWERED = "invitation.answered";
    public static final String RATED = "conversation.rated";

    static final Set<String> TYPES = Set.of(OFFER_CREATED, OFFER_WITHDRAWN, ASSIGNED, BROADCAST, TAKEN, TRANSFERRED,
            INVITATION_CREATED, INVITATION_ANSWERED, RATED);

    /** The news in a frame that names its {@code type}, its {@code inboxId} and, for one agent, the agent. */
    public static AgentNews of(JsonObject frame) {
        var type = frame.getString("type");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("not agents' news: " + type);
        }
        return new AgentNews(type, InternalEvents.number(frame, "inboxId"),
                InternalEvents.optionalNumber(frame, "agentId"), frame);
    }

    @Override
    public JsonObject toJson() {
        return frame;
    }
}
