package com.switchboard.messaging.events;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonObject;

/**
 * What the visitor is told about who they are talking to: an agent took the conversation ({@code agent.joined},
 * with the agent's name), nobody holds it any more ({@code agent.left}), a colleague invited in who had written to
 * them left ({@code participant.left}, with the name they wrote under), it ended ({@code conversation.closed}), it
 * was archived ({@code conversation.archived}: the visitor's next message starts a new conversation) or deleted
 * ({@code conversation.deleted}: gone for everyone; the next message starts a new conversation too).
 * Not entries of the conversation (no seq, not replayed): a reconnecting widget learns the current holder and
 * status from its welcome. Travels on the events topic with the conversation's {@link Audience}.
 */
public record VisitorNotice(String notice, long conversationId, long inboxId, String agentName, Audience audience)
        implements InternalEvent {

    /** The topic's type property of every notice (the notice itself is in the body). */
    public static final String TYPE = "visitor.notice";
    public static final String AGENT_JOINED = "agent.joined";
    public static final String AGENT_LEFT = "agent.left";
    public static final String CLOSED = "conversation.closed";
    public static final String ARCHIVED = "conversation.archived";
    public static final String DELETED = "conversation.deleted";
    public static final String PARTICIPANT_LEFT = "participant.left";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        var json = JSON.createObjectBuilder().add("notice", notice).add("conversationId", conversationId)
                .add("inboxId", inboxId);
        if (agentName != null) {
            json.add("agentName", agentName);
        }
        audience.addTo(json);
        return json.build();
    }

    /** The frame the visitor's sockets get. */
    public JsonObject frame() {
        var json = JSON.createObjectBuilder().add("type", notice).add("conversationId", conversationId);
        if (agentName != null) {
            json.add("agentName", agentName);
        }
        return json.build();
    }

    /** Parses a notice; a body that is not one throws, so that the broker dead-letters it. */
    static VisitorNotice fromJson(JsonObject o) {
        try {
            var audience = Audience.fromJson(o);
            if (audience == null) {
                throw new IllegalArgumentException("A visitor notice names its visitor");
            }
            return new VisitorNotice(o.getString("notice"), o.getJsonNumber("conversationId").longValueExact(),
                    o.getJsonNumber("inboxId").longValueExact(), o.getString("agentName", null), audience);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a visitor notice: " + e.getMessage(), e);
        }
    }
}
