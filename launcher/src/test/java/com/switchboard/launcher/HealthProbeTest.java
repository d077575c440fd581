package com.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HealthProbeTest {

    private static final String READY = """
            {"status":"UP","checks":[{"name":"broker","status":"UP"},{"name":"database","status":"UP"}]}""";

    @Test
    void readyNeedsTheApplicationsOwnChecks() {
        assertTrue(HealthProbe.isReady(200, READY));
        // What Payara Micro answers when the application did not deploy: UP, but nothing of ours.
        assertFalse(HealthProbe.isReady(200, "{\"status\":\"UP\",\"checks\":[]}"));
        assertFalse(HealthProbe.isReady(503, READY.replace("\"UP\"", "\"DOWN\"")));
    }

    @Test
    void anEmptyReportMeansTheApplicationIsNotThere() {
        assertTrue(HealthProbe.isApplicationAbsent(200, "{\"status\":\"UP\", \"checks\": [ ]}"));
        assertFalse(HealthProbe.isApplicationAbsent(200, READY));
        assertFalse(HealthProbe.isApplicationAbsent(503, READY.replace("\"UP\"", "\"DOWN\"")));
    }
}
