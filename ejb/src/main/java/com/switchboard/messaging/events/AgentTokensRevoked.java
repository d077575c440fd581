package com.switchboard.messaging.events;

import jakarta.json.JsonObject;

/** The agent's tokens were revoked: their sockets close on every node, and they sign in again. */
public record AgentTokensRevoked(long agentId) implements InternalEvent {

    public static final String TYPE = "agent.tokens-revoked";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return InternalEvents.withId("agentId", agentId);
    }
}
