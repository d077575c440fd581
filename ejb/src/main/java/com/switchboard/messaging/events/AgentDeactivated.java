package com.switchboard.messaging.events;

import jakarta.json.JsonObject;

/** The agent was deactivated: they are nobody's member any more (their next frame is refused anyway). */
public record AgentDeactivated(long agentId) implements InternalEvent {

    public static final String TYPE = "agent.deactivated";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        return InternalEvents.withId("agentId", agentId);
    }
}
