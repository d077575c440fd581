package com.switchboard.agent.control;

/**
 * A CDI event, fired inside the transaction that made it so: the agent may be able to take more conversations
 * (one of theirs closed or moved on, they came online, a capacity was raised, they joined an inbox).
 */
public record AgentFreed(long agentId) {
}
