package com.switchboard.persistence.control;

import com.switchboard.cluster.control.ClusterHeartbeat;
import jakarta.annotation.Resource;
import jakarta.ejb.AsyncResult;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One round trip to the database, on a thread of the application's own: a stalled database holds this thread, not
 * the health endpoint's. It writes and commits, since a database can answer reads while it cannot keep a change
 * (its disk full, H2's file on a full disk), and then takes no message either.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseProbe {

    private static final int VALID_WITHIN_SECONDS = 2;
    /** The write: this node's heartbeat, which says no more than that the node is alive, as it is. */
    private static final String WRITE = "UPDATE cluster_node SET last_seen = ? WHERE name = ?";

    @Resource(lookup = "java:app/jdbc/switchboard")
    DataSource dataSource;

    /** How a health check starts probes: through the bean's proxy {@code probe}, on a thread of their own. */
    public static Supplier<Future<String>> startedBy(DatabaseProbe probe) {
        return () -> {
            try {
                return probe.roundTrip();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** @return the database's product name and version */
    @Asynchronous
    public Future<String> roundTrip() throws SQLException {
        try (var connection = dataSource.getConnection()) {
            if (!connection.isValid(VALID_WITHIN_SECONDS)) {
                throw new SQLException("the database did not answer a connection's check within "
                        + VALID_WITHIN_SECONDS + " s");
            }
            try (var write = connection.prepareStatement(WRITE)) {
                write.setTimestamp(1, Timestamp.from(Instant.now()));
                write.setString(2, ClusterHeartbeat.ownName());
                write.executeUpdate();
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            var meta = connection.getMetaData();
            return new AsyncResult<>(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        }
    }
}
