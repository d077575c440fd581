package com.switchboard.persistence.control;

import com.switchboard.input.RequestRejectedException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Flushes now, so that versions and unique keys speak as the rules they protect instead of failing the commit:
 * a stale version becomes {@code changedMeanwhile}, a broken unique key (another writer got there first)
 * becomes {@code taken}. Any other database failure stays what it is.
 */
public final class CheckedFlush {

    private CheckedFlush() {
    }

    /** For inserts, which have no version to be stale. */
    public static void flush(EntityManager em, Supplier<RequestRejectedException> taken) {
        flush(em, () -> {
            throw new IllegalStateException("An insert cannot meet a stale version");
        }, taken);
    }

    public static void flush(EntityManager em, Supplier<RequestRejectedException> changedMeanwhile,
                             Supplier<RequestRejectedException> taken) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw changedMeanwhile.get();
        } catch (PersistenceException e) {
            if (isIntegrityViolation(e)) {
                throw taken.get();
            }
            throw e;
        }
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
