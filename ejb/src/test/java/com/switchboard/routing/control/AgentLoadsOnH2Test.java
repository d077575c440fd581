package com.switchboard.routing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing's native SQL runs on the embedded default too (H2 in MySQL mode, as the launcher configures it): the
 * members with their loads and exclusions, one member, and one agent's load, on a schema made by the migrations.
 * MariaDB runs the same statements in the in-container tests.
 */
class AgentLoadsOnH2Test {

    @TempDir
    Path dir;

    @Test
    void membersLoadsAndExclusionsReadOnH2() throws Exception {
        var url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        try (var connection = DriverManager.getConnection(url, "sa", "")) {
            var now = Timestamp.from(Instant.now());
            execute(connection, "INSERT INTO inbox (id, name, widget_key, display_name, created_at, version) "
                    + "VALUES (1, 'Sales', 'key', 'Sales', ?, 1)", now);
            for (long id = 1; id <= 3; id++) {
                execute(connection, "INSERT INTO agent (id, email, display_name, password_hash, roles, active, "
                        + "created_at, version, presence) VALUES (?, ?, ?, 'x', 'AGENT', ?, ?, 1, 'ONLINE')",
                        id, "a" + id + "@example.com", "Agent " + id, id != 3, now);
                execute(connection, "INSERT INTO inbox_membership (inbox_id, agent_id, capacity, version) "
                        + "VALUES (1, ?, ?, 1)", id, (int) id + 1);
            }
            execute(connection, "INSERT INTO routing_exclusion (conversation_id, agent_id, reason, expires_at) "
                    + "VALUES (7, 2, 'REJECTED', ?)", Timestamp.from(Instant.now().plusSeconds(600)));

            try (var members = connection.prepareStatement(AgentLoads.ACTIVE_MEMBERS)) {
                bind(members, 7L, now, 9L, 1L, 1L, 1L, 1L, 1L);
                var rows = members.executeQuery();
                assertRow(rows, 1, 2, null);
                assertRow(rows, 2, 3, "REJECTED");
                assertFalse(rows.next(), "the inactive member is no candidate");
            }
            try (var one = connection.prepareStatement(AgentLoads.ONE_MEMBER)) {
                bind(one, 7L, now, 9L, 1L, 1L, 3L, 1L, 1L, 3L, 1L, 3L);
                var rows = one.executeQuery();
                assertRow(rows, 3, 4, null);
                assertFalse(rows.next());
            }
            try (var load = connection.prepareStatement(AgentLoads.LOAD_OF_AGENT)) {
                bind(load, 2L, 1L, 2L, 1L, 2L, 2L);
                var rows = load.executeQuery();
                rows.next();
                assertEquals(0, rows.getInt(1));
                assertEquals(0, rows.getInt(2));
            }
        }
    }

    private static void assertRow(java.sql.ResultSet rows, long agentId, int capacity, String exclusion)
            throws Exception {
        rows.next();
        assertEquals(agentId, rows.getLong(1));
        assertEquals(capacity, rows.getInt(4));
        assertNull(AgentLoads.instant(rows.getObject(6)), "never assigned");
        assertEquals(0, rows.getInt(7), "nothing held or offered here");
        assertEquals(0, rows.getInt(8), "nothing held or offered overall");
        assertEquals(exclusion, rows.getString(9));
        assertNull(rows.getObject(10), "no block");
    }

    private static void execute(Connection connection, String sql, Object... values) throws Exception {
        try (var statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            statement.executeUpdate();
        }
    }

    private static void bind(java.sql.PreparedStatement statement, Object... values) throws Exception {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
