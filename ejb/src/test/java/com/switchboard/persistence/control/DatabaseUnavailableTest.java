package com.switchboard.persistence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.resource.spi.LocalTransactionException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.util.Optional;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.h2.jdbcx.JdbcDataSource;
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

    /**
     * MariaDB and MySQL on a full disk answer at once: InnoDB could not grow a file ("The table … is full"), or a
     * file could not be written (errno 28); the request's failure carries the server's error, with state HY000.
     */
    @Test
    void aMySqlServerOutOfRoomIsUnavailableAndSaysWhy() {
        var tableFull = wrapped(new SQLException("The table 'message' is full", "HY000", 1114));
        assertTrue(DatabaseUnavailable.causes(tableFull));
        assertEquals(Optional.of("The table 'message' is full"), DatabaseUnavailable.outOfRoom(tableFull));
        assertTrue(DatabaseUnavailable.causes(wrapped(new SQLException("Error writing file './switchboard/m.frm' "
                + "(Errcode: 28 \"No space left on device\")", "HY000", 3))));
        assertTrue(DatabaseUnavailable.outOfRoom(wrapped(new SQLException("Duplicate entry", "23000", 1062)))
                .isEmpty());
        // A full disk outside the database (an upload written to a file) is not the database out of room.
        assertTrue(DatabaseUnavailable.outOfRoom(new IllegalStateException(new IOException("No space left on device")))
                .isEmpty());
    }

    /**
     * The commit's failure as Payara's JTS hands it to the container when the XA data source (H2's, the embedded
     * default) fails in a one-phase commit: it logs the XAException (JTS5067, JTS5031) and throws a SystemException
     * made of the CORBA exception's text, without a cause (as in DatabaseDiskFullIT's log).
     */
    @Test
    void aCommitTheTransactionManagerCouldNotCompleteIsUnavailable() {
        var jts = new SystemException("org.omg.CORBA.INTERNAL: JTS5031: Exception [org.omg.CORBA.INTERNAL:   vmcid: 0x0"
                + "  minor code: 0 completed: Maybe] on Resource [commit one phase] operation.  vmcid: 0x0  minor code: 0"
                + "  completed: No");
        assertTrue(DatabaseUnavailable.causes(new EJBException(UNABLE_TO_COMPLETE, jts)));
        // A resource's heuristic hazard reaches the container as a HeuristicMixedException with nothing in it.
        assertTrue(DatabaseUnavailable.causes(new EJBException(UNABLE_TO_COMPLETE, new HeuristicMixedException())));
        var unavailable = new XAException(XAException.XAER_RMFAIL);
        assertTrue(DatabaseUnavailable.causes(new EJBException(UNABLE_TO_COMPLETE, systemException(unavailable))));
    }

    /** The database's own XAException, where a wrapper keeps it: H2's commit on a database closed under it. */
    @Test
    void aCommitRefusedByAClosedH2IsUnavailable() throws Exception {
        var refused = commitAfterTheDatabaseClosed();
        assertTrue(DatabaseUnavailable.causes(new EJBTransactionRolledbackException("Transaction aborted",
                (Exception) new RollbackException("commit failed").initCause(refused))));
        // The local-transaction path of a non-XA data source copies the failure's text into a new XAException.
        var copied = new XAException(new LocalTransactionException(refused.getCause().getMessage()).toString());
        copied.errorCode = XAException.XAER_RMERR;
        assertTrue(DatabaseUnavailable.causes(new EJBTransactionRolledbackException("Transaction aborted",
                (Exception) new RollbackException("commit failed").initCause(copied))));
        assertTrue(DatabaseUnavailable.causes(new EJBException(UNABLE_TO_COMPLETE, systemException(copied))));
    }

    @Test
    void onlyH2ClosingItsDatabaseIsClosedForGood() {
        assertTrue(DatabaseUnavailable.closedForGood(wrapped(new SQLException("The database has been closed",
                "90098"))));
        assertFalse(DatabaseUnavailable.closedForGood(wrapped(new SQLException("Connection refused", "08001"))));
        // The pool's own exceptions carry no SQL state (as the readiness probe met them in DatabaseDiskFullIT).
        assertFalse(DatabaseUnavailable.closedForGood(wrapped(new SQLException("Error in allocating a connection."))));
        assertFalse(DatabaseUnavailable.closedForGood(new IllegalStateException("a bug")));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseUnavailable.causes(wrapped(new SQLException("Duplicate entry", "23000"))));
        assertFalse(DatabaseUnavailable.causes(new IllegalStateException("a bug")));
        assertFalse(DatabaseUnavailable.causes(new IOException("the client went away")), "no database failed");
        // Marked for rollback (a bean failed, or asked for it): the bean's own failure decides, not the commit.
        assertFalse(DatabaseUnavailable.causes(new EJBTransactionRolledbackException("Transaction aborted",
                new RollbackException("Transaction marked for rollback."))));
        assertFalse(DatabaseUnavailable.causes(new EJBTransactionRolledbackException("Transaction aborted",
                (Exception) new RollbackException().initCause(new NullPointerException("a bug")))));
        var otherCode = new XAException("jakarta.resource.spi.LocalTransactionException: Value too long [22001-224]");
        assertFalse(DatabaseUnavailable.causes(new EJBTransactionRolledbackException("Transaction aborted",
                (Exception) new RollbackException().initCause(otherCode))));
    }

    private static final String UNABLE_TO_COMPLETE = "Unable to complete container-managed transaction.";

    private static SystemException systemException(Throwable cause) {
        var failure = new SystemException();
        failure.initCause(cause);
        return failure;
    }

    /** H2's XAException for a one-phase commit of a branch whose database was closed meanwhile. */
    private static XAException commitAfterTheDatabaseClosed() throws Exception {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:closed-under-a-commit;DB_CLOSE_DELAY=-1");
        try (var setUp = dataSource.getConnection()) {
            setUp.createStatement().execute("CREATE TABLE message (text VARCHAR(20))");
        }
        var xaConnection = dataSource.getXAConnection();
        try {
            var resource = xaConnection.getXAResource();
            var branch = new Branch(1, new byte[] {1}, new byte[] {1});
            resource.start(branch, XAResource.TMNOFLAGS);
            xaConnection.getConnection().createStatement().execute("INSERT INTO message VALUES ('hello')");
            resource.end(branch, XAResource.TMSUCCESS);
            try (var other = dataSource.getConnection()) {
                other.createStatement().execute("SHUTDOWN IMMEDIATELY");
            } catch (SQLException closedWithIt) {
                // SHUTDOWN IMMEDIATELY may fail its own connection as it closes the database
            }
            resource.commit(branch, true);
        } catch (XAException refused) {
            assertTrue(refused.getCause() instanceof SQLException, () -> "H2 keeps its cause: " + refused);
            return refused;
        } finally {
            try {
                xaConnection.close();
            } catch (SQLException alreadyClosed) {
                // the database is gone
            }
        }
        throw new AssertionError("H2 committed on a closed database");
    }

    private record Branch(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
    }

    private static RuntimeException wrapped(Exception cause) {
        return new EJBException(new RuntimeException("Exception [EclipseLink-4002]", cause));
    }
}
