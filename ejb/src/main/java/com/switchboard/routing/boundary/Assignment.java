package com.switchboard.routing.boundary;

/** A conversation assigned by hand; {@code warning} says so when it went over the agent's capacity. */
public record Assignment(long conversationId, long agentId, String warning) {
}
