package com.switchboard.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.ejb.EJBException;
import jakarta.transaction.SystemException;
import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void aCommitTheDatabaseCouldNotCompleteIsAnsweredUnavailableWithItsPause() {
        // As Payara's JTS hands a failed one-phase commit to the container (DatabaseDiskFullIT's log).
        var commit = new EJBException("Unable to complete container-managed transaction.", new SystemException(
                "org.omg.CORBA.INTERNAL: JTS5031: Exception [org.omg.CORBA.INTERNAL:   vmcid: 0x0  minor code: 0 "
                        + "completed: Maybe] on Resource [commit one phase] operation."));
        var frame = Frames.failure(commit, "The message could not be processed; please retry.");
        assertEquals("server.unavailable", frame.getString("code"));
        assertEquals(5000, frame.getJsonNumber("retryAfterMs").longValue());
    }

    @Test
    void aFailureOfOurOwnIsInternal() {
        var frame = Frames.failure(new EJBException(new IllegalStateException("a bug")), "Please retry.");
        assertEquals("internal", frame.getString("code"));
        assertFalse(frame.containsKey("retryAfterMs"));
    }
}
