package com.switchboard.agent.control;

/** A CDI event: the agent went away, offline or was deactivated; offers waiting for them must move on. */
public record AgentUnavailable(long agentId) {
}
