package com.switchboard.persistence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The schema migration's statements run without the bound the application's requests have. */
class UnboundedConnectionsTest {

    @Test
    void statementsRunWithoutTheTimeoutTheirConnectionsWouldGiveThem() throws Exception {
        var pool = new JdbcDataSource();
        pool.setURL("jdbc:h2:mem:unbounded;QUERY_TIMEOUT=4000");

        try (var bounded = pool.getConnection(); var statement = bounded.createStatement()) {
            assertEquals(4, statement.getQueryTimeout(), "the data source bounds its statements");
        }
        try (var unbounded = new UnboundedConnections(pool).getConnection();
             var statement = unbounded.createStatement();
             var prepared = unbounded.prepareStatement("SELECT 1")) {
            assertEquals(0, statement.getQueryTimeout());
            assertEquals(0, prepared.getQueryTimeout());
            assertEquals(0, unbounded.getNetworkTimeout());
        }
    }
}
