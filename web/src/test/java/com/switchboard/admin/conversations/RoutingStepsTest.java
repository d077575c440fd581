package com.switchboard.admin.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.switchboard.routing.boundary.RoutingDecisionView;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RoutingStepsTest {

    @Test
    void aStepNamesWhoItConcernedAndWhy() {
        assertEquals("Offered (Anna): the least busy member", RoutingSteps.inWords(
                new RoutingDecisionView(Instant.now(), "OFFERED", 7L, "the least busy member"), id -> "Anna"));
    }

    @Test
    void aStepWithoutAnAgentOrAReasonSaysWhatHappened() {
        assertEquals("Waiting: nobody could take it", RoutingSteps.inWords(
                new RoutingDecisionView(Instant.now(), "WAITING", null, " "), id -> "nobody"));
    }

    @Test
    void anOutcomeThisConsoleDoesNotKnowIsShownAsItIs() {
        assertEquals("ESCALATED: by the night shift", RoutingSteps.inWords(
                new RoutingDecisionView(Instant.now(), "ESCALATED", null, "by the night shift"), id -> "–"));
    }
}
