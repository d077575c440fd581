package com.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiFailuresTest {

    private final Logger log = Logger.getLogger(ApiFailuresTest.class.getName() + ".log");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        log.setUseParentHandlers(false);
        log.setLevel(Level.ALL);
        log.addHandler(capture);
    }

    @AfterEach
    void release() {
        log.removeHandler(capture);
    }

    @Test
    void anOutageIsLoggedWithItsStackTraceOnceThenCountedUntilARequestCompletes() {
        var failures = new ApiFailures(log);
        for (int i = 0; i < 3; i++) {
            // As a resource's EJB hands on the pool's failure to give a connection while the database is gone.
            failures.failed(new EJBException(new SQLTransientConnectionException("Connection refused")),
                    () -> "An API request failed");
        }
        failures.succeeded();
        failures.succeeded();

        var warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(1, warnings.size(), "one warning for the outage");
        assertNotNull(warnings.get(0).getThrown(), "the first with its stack trace");
        assertTrue(warnings.get(0).getMessage().contains("An API request failed"), warnings.get(0).getMessage());
        var infos = records.stream().filter(r -> r.getLevel() == Level.INFO).map(LogRecord::getMessage).toList();
        assertEquals(List.of("Answering API requests works again (2 more attempts failed meanwhile)"), infos);
    }

    @Test
    void aFailureOfOurOwnKeepsItsStackTraceEachTime() {
        var failures = new ApiFailures(log);
        failures.failed(new EJBException(new SQLTransientConnectionException("gone")), () -> "An API request failed");
        for (int i = 0; i < 2; i++) {
            failures.failed(new EJBException(new IllegalStateException("a bug")), () -> "An API request failed");
        }
        var warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(3, warnings.size());
        warnings.forEach(warning -> assertNotNull(warning.getThrown()));
        assertNull(records.stream().filter(r -> r.getLevel() == Level.INFO).findAny().orElse(null),
                "no word of the outage's end while it lasts");
    }
}
