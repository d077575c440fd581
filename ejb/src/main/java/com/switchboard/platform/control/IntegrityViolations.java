package com.switchboard.platform.control;

import java.sql.SQLException;

/** Tells a broken unique key (another writer got there first) from any other database failure. */
public final class IntegrityViolations {

    private IntegrityViolations() {
    }

    /** SQL state class 23 is "integrity constraint violation" in MySQL, MariaDB and H2 alike. */
    public static boolean isIntegrityViolation(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
