package com.switchboard.admin.conversations;

import com.switchboard.routing.boundary.RoutingDecisionView;
import java.util.function.LongFunction;

/** How the admin console words a conversation's routing steps: what happened, to whom, and why. */
final class RoutingSteps {

    private RoutingSteps() {
    }

    /** "Offered (Anna): the least busy member", "Waiting: nobody could take it", … */
    static String inWords(RoutingDecisionView decision, LongFunction<String> nameOf) {
        var who = decision.agentId() == null ? "" : " (" + nameOf.apply(decision.agentId()) + ")";
        var what = switch (decision.outcome()) {
            case "OFFERED" -> "Offered" + who;
            case "WAITING" -> "Waiting: nobody could take it";
            case "MANUAL" -> "Waiting for a supervisor to assign it";
            case "BROADCAST" -> "Shown to every online member";
            case "ACCEPTED" -> "Accepted" + who;
            case "REJECTED" -> "Rejected" + who;
            case "EXPIRED" -> "Offer expired" + who;
            case "CANCELLED" -> "Offer withdrawn" + who;
            case "ASSIGNED" -> "Assigned" + who;
            case "TRANSFERRED" -> "Handed on" + who;
            case "RELEASED" -> "Back in the queue" + who;
            default -> decision.outcome();
        };
        return what + (decision.explanation() == null || decision.explanation().isBlank() ? ""
                : ": " + decision.explanation());
    }
}
