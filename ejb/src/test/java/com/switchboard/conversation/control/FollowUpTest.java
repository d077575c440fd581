package com.switchboard.conversation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FollowUpTest {

    private final FollowUp followUp = new FollowUp("support", "token", "Hello", "c1");

    @Test
    void itsSenderGetsTheMessageAsCommitted() throws Exception {
        var stored = new PostedMessage(7, 3, Instant.now());
        followUp.completed(Optional.of(stored));
        assertEquals(Optional.of(stored), followUp.await(10));
    }

    @Test
    void aFailedBatchLeavesItToItsSenderToPostAlone() throws Exception {
        followUp.postAlone();
        assertTrue(followUp.await(10).isEmpty());
    }

    @Test
    void aStoppingNodeAndASilentWriterBothEndTheWaitWithoutAnAnswer() {
        assertThrows(TimeoutException.class, () -> followUp.await(10));
        followUp.abandoned();
        assertThrows(TimeoutException.class, () -> followUp.await(10_000));
    }

    @Test
    void aFailureOfTheWholeBatchReachesItsSenderAsItWas() {
        var failure = new IllegalStateException("database unavailable");
        followUp.failed(failure);
        assertSame(failure, assertThrows(IllegalStateException.class, () -> followUp.await(10)));
    }

    @Test
    void theFirstOutcomeCounts() throws Exception {
        followUp.postAlone();
        followUp.abandoned();
        assertTrue(followUp.await(10).isEmpty());
    }
}
