package com.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreflightTest {

    @Test
    void theDefaultLegacyQueueNamesNeedNoExternalBroker() {
        assertEquals(Optional.empty(), Preflight.renamedLegacyQueues(Map.of()));
        assertEquals(Optional.empty(), Preflight.renamedLegacyQueues(Map.of("SWITCHBOARD_JMS_INBOUND_QUEUE", " ")));
        assertEquals(Optional.empty(), Preflight.renamedLegacyQueues(Map.of("SWITCHBOARD_JMS_INBOUND_QUEUE",
                "switchboard.inbound", "SWITCHBOARD_JMS_INBOUND_DLQ", "switchboard.inbound.dlq")));
    }

    @Test
    void renamedLegacyQueuesAreNamedInTheProblem() {
        var problem = Preflight.renamedLegacyQueues(Map.of("SWITCHBOARD_JMS_INBOUND_DLQ", "crm.dead",
                "SWITCHBOARD_JMS_INBOUND_QUEUE", "crm.in")).orElseThrow();
        assertTrue(problem.startsWith("SWITCHBOARD_JMS_INBOUND_QUEUE / SWITCHBOARD_JMS_INBOUND_DLQ: "), problem);
        assertTrue(problem.endsWith("keeps switchboard.inbound and switchboard.inbound.dlq"), problem);
        assertTrue(problem.contains("SWITCHBOARD_BROKER_HOST"), problem);
    }
}
