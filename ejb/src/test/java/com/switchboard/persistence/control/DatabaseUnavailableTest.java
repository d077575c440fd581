package com.switchboard.persistence.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void aDatabaseOutOfReachOrTooSlowIsToldFromOtherFailures() {
        assertTrue(DatabaseUnavailable.causes(wrapped(new SQLTimeoutException("Statement cancelled due to timeout"))));
        assertTrue(DatabaseUnavailable.causes(wrapped(new SQLRecoverableException("Communications link failure",
                "08S01", new SocketTimeoutException("Read timed out")))));
        assertTrue(DatabaseUnavailable.causes(wrapped(new SQLNonTransientConnectionException("closed"))));
        assertTrue(DatabaseUnavailable.causes(wrapped(new SQLException("Connection refused", "08001"))));
        assertTrue(DatabaseUnavailable.causes(wrapped(new SQLException("Timeout trying to lock table", "HYT00"))));
    }

    @Test
    void aDatabaseThatCannotWriteItsStorageIsUnavailableToo() {
        assertTrue(DatabaseUnavailable.causes(wrapped(new SQLException("General error", "HY000",
                new IllegalStateException("write failed", new IOException("No space left on device"))))));
        assertTrue(DatabaseUnavailable.causes(wrapped(new SQLException("Database is already closed", "90098"))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseUnavailable.causes(wrapped(new SQLException("Duplicate entry", "23000"))));
        assertFalse(DatabaseUnavailable.causes(new IllegalStateException("a bug")));
        assertFalse(DatabaseUnavailable.causes(new IOException("the client went away")), "no database failed");
    }

    private static RuntimeException wrapped(Exception cause) {
        return new EJBException(new RuntimeException("Exception [EclipseLink-4002]", cause));
    }
}
