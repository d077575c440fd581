package com.switchboard.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogFloodGuardTest {

    private long now = 1_000;
    private final LogFloodGuard guard = new LogFloodGuard(Duration.ofSeconds(60), () -> now);
    private final List<String> notes = new ArrayList<>();
    private final Logger guardLog = Logger.getLogger(LogFloodGuard.class.getName());
    private final Handler noteCatcher = new Handler() {
        @Override
        public void publish(LogRecord record) {
            notes.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void catchNotes() {
        guardLog.addHandler(noteCatcher);
    }

    @AfterEach
    void releaseNotes() {
        guardLog.removeHandler(noteCatcher);
    }

    @Test
    void theFirstWarningOfAKindPassesAndTheRepeatsWithinThePeriodDoNot() {
        assertTrue(guard.admits(failure("Query failed", new IllegalStateException("a"))));
        assertFalse(guard.admits(failure("Query failed", new IllegalStateException("b"))));
        now += Duration.ofSeconds(59).toNanos();
        assertFalse(guard.admits(failure("Query failed", new IllegalStateException("c"))));
        assertEquals(List.of(), notes);
    }

    @Test
    void afterThePeriodTheKindPassesAgainWithANoteOfHowManyWereLeftOut() {
        guard.admits(failure("Query failed", new IllegalStateException()));
        guard.admits(failure("Query failed", new IllegalStateException()));
        guard.admits(failure("Query failed", new IllegalStateException()));
        now += Duration.ofSeconds(60).toNanos();

        assertTrue(guard.admits(failure("Query failed", new IllegalStateException())));
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("2 more records like the next one (test.logger, WARNING)"), notes::toString);
    }

    @Test
    void differentMessagesLoggersLevelsAndExceptionsAreDifferentKinds() {
        assertTrue(guard.admits(failure("Query failed", new IllegalStateException())));
        assertTrue(guard.admits(failure("Commit failed", new IllegalStateException())));
        assertTrue(guard.admits(failure("Query failed", new IllegalArgumentException())));
        var severe = failure("Query failed", new IllegalStateException());
        severe.setLevel(Level.SEVERE);
        assertTrue(guard.admits(severe));
        var other = failure("Query failed", new IllegalStateException());
        other.setLoggerName("other.logger");
        assertTrue(guard.admits(other));
    }

    @Test
    void everyHandlerGetsTheSameAnswerForOneRecord() {
        var first = failure("Query failed", null);
        assertTrue(guard.admits(first));
        assertTrue(guard.admits(first), "a second handler asking about the same record");
        var repeat = failure("Query failed", null);
        assertFalse(guard.admits(repeat));
        assertFalse(guard.admits(repeat));
        now += Duration.ofSeconds(61).toNanos();
        guard.admits(failure("Query failed", null));
        assertTrue(notes.get(0).startsWith("1 more records"), "counted once, not once per handler: " + notes);
    }

    @Test
    void recordsBelowWarningAlwaysPass() {
        for (int i = 0; i < 5; i++) {
            var info = failure("Started", null);
            info.setLevel(Level.INFO);
            assertTrue(guard.admits(info));
        }
    }

    private static LogRecord failure(String message, Throwable thrown) {
        var record = new LogRecord(Level.WARNING, message);
        record.setLoggerName("test.logger");
        record.setThrown(thrown);
        return record;
    }
}
