package com.switchboard.routing.control;

import com.switchboard.routing.entity.RoutingOutcome;

/**
 * The result of one routing attempt: what happened, and whether some member of the inbox still had room (so
 * draining the queue goes on with the next conversation, or stops).
 */
public record Attempt(RoutingOutcome outcome, boolean roomLeft) {

    static final Attempt NOTHING_TO_DO = new Attempt(null, true);
}
