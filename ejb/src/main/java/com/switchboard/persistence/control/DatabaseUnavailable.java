package com.switchboard.persistence.control;

import jakarta.resource.spi.ResourceAllocationException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;

/**
 * Whether a request failed because the database could not be reached or did not answer in time (it stalls, it is
 * gone, the pool has no connection to give within the bound) or could not read or write its storage (an I/O
 * failure under it, H2's database closed after a full disk): the caller is told to try again later
 * ({@code server.unavailable}) rather than that something broke. Nothing was acknowledged; a commit whose answer
 * never came may still have been kept, so clients send again with the same client id, which stores nothing twice.
 */
public final class DatabaseUnavailable {

    public static final String CODE = "server.unavailable";
    public static final String MESSAGE = "The service is unavailable for a moment; please retry in a few seconds.";
    /** What the caller is told to wait before trying again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Set<String> H2_CLOSED = Set.of("90098", "90007", "90020");

    private DatabaseUnavailable() {
    }

    /**
     * Whether the embedded database closed itself for the rest of the process (H2, after a write it could not make):
     * only a restart of the node opens it again.
     */
    public static boolean closedForGood(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && H2_CLOSED.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static boolean causes(Throwable failure) {
        var underSql = false;
        for (var cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTimeoutException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
                    || cause instanceof ResourceAllocationException || cause instanceof IOException && underSql
                    || cause instanceof SQLException sql && isConnectionOrTimeout(sql.getSQLState())) {
                return true;
            }
            underSql |= cause instanceof SQLException;
        }
        return false;
    }

    /**
     * SQL states of class 08 (connection exception), the timeouts (HYT00, HYT01, 57014: cancelled), and H2's for a
     * database it closed, after a write it could not make (a full disk): 90098, 90007 (on a connection still
     * pooled), 90020 (opening it again in the same process).
     */
    private static boolean isConnectionOrTimeout(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("HYT") || state.equals("57014")
                || H2_CLOSED.contains(state));
    }
}
