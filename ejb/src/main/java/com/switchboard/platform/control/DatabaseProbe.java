package com.switchboard.platform.control;

import jakarta.annotation.Resource;
import jakarta.ejb.AsyncResult;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.SQLException;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * One round trip to the database, on a thread of the application's own: a stalled database holds this thread, not
 * the health endpoint's.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseProbe {

    private static final int VALID_WITHIN_SECONDS = 2;

    @Resource(lookup = "java:app/jdbc/switchboard")
    DataSource dataSource;

    /** @return the database's product name and version */
    @Asynchronous
    public Future<String> roundTrip() throws SQLException {
        try (var connection = dataSource.getConnection()) {
            if (!connection.isValid(VALID_WITHIN_SECONDS)) {
                throw new SQLException("the database did not answer a connection's check within "
                        + VALID_WITHIN_SECONDS + " s");
            }
            var meta = connection.getMetaData();
            return new AsyncResult<>(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        }
    }
}
