package com.switchboard.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErlangCTest {

    /**
     * The call-centre planners' worked example: 100 calls in 30 minutes = 200 an hour, 3 minutes handling, answer
     * 80 % within 20 s. Load 10 Erlangs; 13 agents answer 79.6 % in time (just short), 14 agents 88.8 %, and the
     * chance to wait with 14 agents is 17.4 %.
     */
    @Test
    void theTextbookExample() {
        assertEquals(10.0, ErlangC.load(200, 180), 1e-9);
        assertEquals(0.2853, ErlangC.probabilityOfWaiting(13, 10.0), 0.0005);
        assertEquals(0.1741, ErlangC.probabilityOfWaiting(14, 10.0), 0.0005);
        assertEquals(0.7956, ErlangC.serviceLevel(13, 200, 180, 20), 0.0005);
        assertEquals(0.8884, ErlangC.serviceLevel(14, 200, 180, 20), 0.0005);
        assertEquals(14, ErlangC.agentsNeeded(200, 180, 80, 20));
        assertEquals(0.1741 * 180 / 4, ErlangC.averageWaitSeconds(14, 200, 180), 0.05);
    }

    @Test
    void oneAgentWithLittleTraffic() {
        // Load 0.1: an M/M/1 queue, where the chance to wait equals the load.
        assertEquals(0.1, ErlangC.probabilityOfWaiting(1, 0.1), 1e-9);
        assertEquals(1, ErlangC.agentsNeeded(6, 60, 80, 20));
        assertEquals(0, ErlangC.agentsNeeded(0, 60, 80, 20));
    }

    @Test
    void tooFewAgentsNeverReachTheTarget() {
        assertEquals(1.0, ErlangC.probabilityOfWaiting(10, 10.0));
        assertEquals(0.0, ErlangC.serviceLevel(10, 200, 180, 20));
        assertEquals(Double.POSITIVE_INFINITY, ErlangC.averageWaitSeconds(9, 200, 180));
    }

    @Test
    void aStricterTargetNeedsMoreAgentsAndLargeLoadsDoNotOverflow() {
        int relaxed = ErlangC.agentsNeeded(2_000, 300, 80, 60);
        int strict = ErlangC.agentsNeeded(2_000, 300, 95, 10);
        assertTrue(strict > relaxed, strict + " > " + relaxed);
        assertTrue(relaxed > 166, "more agents than the load of 166.7 Erlangs: " + relaxed);
        assertTrue(ErlangC.serviceLevel(relaxed, 2_000, 300, 60) >= 0.8);
        assertTrue(ErlangC.serviceLevel(relaxed - 1, 2_000, 300, 60) < 0.8);
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ErlangC.agentsNeeded(10, 0, 80, 20));
        assertThrows(IllegalArgumentException.class, () -> ErlangC.agentsNeeded(10, 60, 100, 20));
    }
}
