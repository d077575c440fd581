package com.switchboard.persistence.control;

import jakarta.resource.spi.ResourceAllocationException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.SystemException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.transaction.xa.XAException;

/**
 * Whether a request failed because the database could not be reached or did not answer in time (it stalls, it is
 * gone, the pool has no connection to give within the bound) or could not read or write its storage (an I/O
 * failure under it, H2's database closed after a full disk, a MySQL server out of room: {@link #outOfRoom}): the
 * caller is told to try again later ({@code server.unavailable}) rather than that something broke. Nothing was
 * acknowledged; a commit whose answer never came may still have been kept, so clients send again with the same
 * client id, which stores nothing twice.
 * <p>
 * A commit that fails says least: the server logs the database's own exception (RAR5031 for the node's local
 * transactions; JTS5067 where the data source is XA, as on a full server) and hands the container a
 * {@code SystemException} or a heuristic outcome without it, or copies it into an {@code XAException}'s message. Such a commit counts as the database unavailable: a request's transaction commits
 * the database alone (the broker's sends leave after the commit), so it is the database that could not commit.
 */
public final class DatabaseUnavailable {

    public static final String CODE = "server.unavailable";
    public static final String MESSAGE = "The service is unavailable for a moment; please retry in a few seconds.";
    /** What the caller is told to wait before trying again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Set<String> H2_CLOSED = Set.of("90098", "90007", "90020");
    /** H2's codes for a database closed or a connection broken, also at the end of a message ("… [90098-224]"). */
    private static final Set<String> H2_GONE = Set.of("90098", "90007", "90020", "90121", "90067");
    private static final Pattern H2_CODE_IN_TEXT = Pattern.compile("\\[(\\d{5})-\\d+]");
    private static final Set<Integer> MYSQL_NO_ROOM = Set.of(1114, 1021);
    private static final Pattern NO_ROOM_TEXT = Pattern.compile("No space left on device|Errcode: 28\\b|errno: 28\\b");

    private DatabaseUnavailable() {
    }

    /**
     * Whether the embedded database closed itself for the rest of the process (H2, after a write it could not make):
     * only a restart of the node opens it again.
     */
    public static boolean closedForGood(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // Set.of(…).contains(null) throws: a SQLException without a state (the pool's own) must not.
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && H2_CLOSED.contains(sql.getSQLState())) {
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
                    || cause instanceof SQLException sql && isConnectionOrTimeout(sql.getSQLState())
                    || commitNotCompleted(cause) || namesH2Gone(cause.getMessage())) {
                return true;
            }
            underSql |= cause instanceof SQLException;
        }
        return outOfRoom(failure).isPresent();
    }

    /**
     * Why the database refused a write for lack of room on its disk, if it did: MySQL's and MariaDB's
     * {@code ER_RECORD_FILE_FULL} (1114, "The table 'message' is full": InnoDB could not grow its file; the server
     * answers at once and goes on serving reads and writes in place) and {@code ER_DISK_FULL} (1021), and the
     * system's "No space left on device" (errno 28) in a database's failure, as MariaDB words it for the files it
     * could not write and H2 for its own.
     */
    public static Optional<String> outOfRoom(Throwable failure) {
        var underSql = false;
        for (var cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            underSql |= cause instanceof SQLException;
            if (cause instanceof SQLException sql && MYSQL_NO_ROOM.contains(sql.getErrorCode())
                    || underSql && cause.getMessage() != null && NO_ROOM_TEXT.matcher(cause.getMessage()).find()) {
                return Optional.of(String.valueOf(cause.getMessage()).lines().findFirst().orElse("").strip());
            }
        }
        return Optional.empty();
    }

    /**
     * The transaction manager could not complete the commit: it failed in its resource (a {@code SystemException},
     * whose outcome is unknown, or a heuristic one), or the resource manager said it is unavailable
     * ({@code XAER_RMFAIL}). A transaction that was only marked for rollback (a {@code RollbackException}) is none of
     * these: that is told by its causes, if any.
     */
    private static boolean commitNotCompleted(Throwable cause) {
        return cause instanceof SystemException || cause instanceof HeuristicMixedException
                || cause instanceof HeuristicRollbackException
                || cause instanceof XAException xa && xa.errorCode == XAException.XAER_RMFAIL;
    }

    /** H2's code for a database gone, copied into another exception's message where its own was left behind. */
    private static boolean namesH2Gone(String message) {
        if (message == null) {
            return false;
        }
        var codes = H2_CODE_IN_TEXT.matcher(message);
        while (codes.find()) {
            if (H2_GONE.contains(codes.group(1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQL states of class 08 (connection exception), the timeouts (HYT00, HYT01, 57014: cancelled), and H2's for a
     * database it closed, after a write it could not make (a full disk): 90098, 90007 (on a connection still
     * pooled), 90020 (opening it again in the same process); 90121 (closed as the process ends), 90067 (a broken
     * connection).
     */
    private static boolean isConnectionOrTimeout(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("HYT") || state.equals("57014")
                || H2_GONE.contains(state));
    }
}
