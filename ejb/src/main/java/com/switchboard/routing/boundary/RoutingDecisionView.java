package com.switchboard.routing.boundary;

import com.switchboard.routing.entity.RoutingDecision;
import java.time.Instant;

/** One step of a conversation's routing, as supervisors read it. */
public record RoutingDecisionView(Instant at, String outcome, Long agentId, String explanation) {

    static RoutingDecisionView of(RoutingDecision decision) {
        return new RoutingDecisionView(decision.getDecidedAt(), decision.getOutcome().name(), decision.getAgentId(),
                decision.getExplanation());
    }
}
