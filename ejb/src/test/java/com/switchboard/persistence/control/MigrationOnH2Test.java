package com.switchboard.persistence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The migrations on H2 as the embedded default runs it (MariaDB runs them in the in-container suite), with data
 * from before version 10 that its backfill has to get right.
 */
class MigrationOnH2Test {

    private static final String URL = "jdbc:h2:mem:migration;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Test
    void versionTenBackfillsDeadlinesAndPreviewsOfExistingConversations() throws Exception {
        migrate("7");
        try (var db = DriverManager.getConnection(URL, "sa", "")) {
            execute(db, "INSERT INTO agent (id, email, display_name, password_hash, roles, active, created_at, version) "
                    + "VALUES (1, 'a@example.com', 'A', 'h', 'AGENT', TRUE, '2026-01-01 09:00:00', 0)");
            execute(db, "INSERT INTO inbox (id, name, display_name, widget_key, created_at, version, "
                    + "reply_time_limit_seconds) VALUES (1, 'limited', 'limited', 'k1', '2026-01-01 09:00:00', 0, 300)");
            execute(db, "INSERT INTO inbox (id, name, display_name, widget_key, created_at, version) "
                    + "VALUES (2, 'open', 'open', 'k2', '2026-01-01 09:00:00', 0)");
            execute(db, "INSERT INTO visitor (id, token, created_at) VALUES (1, 't', '2026-01-01 09:00:00')");
            // 1: answered, then two visitor messages wait (deadline from the first of them); 2: no limit;
            // 3: answered last; 4: closed while waiting.
            conversation(db, 1, 1, "ASSIGNED");
            message(db, 1, 1, "VISITOR", "10:00:00");
            message(db, 1, 2, "AGENT", "10:01:00");
            message(db, 1, 3, "VISITOR", "10:02:00");
            message(db, 1, 4, "VISITOR", "10:03:00");
            message(db, 1, 5, "NOTE", "10:04:00");
            conversation(db, 2, 2, "WAITING");
            message(db, 2, 1, "VISITOR", "11:00:00");
            conversation(db, 3, 1, "ASSIGNED");
            message(db, 3, 1, "VISITOR", "12:00:00");
            message(db, 3, 2, "AGENT", "12:01:00");
            conversation(db, 4, 1, "CLOSED");
            message(db, 4, 1, "VISITOR", "13:00:00");
        }

        migrate(null);

        try (var db = DriverManager.getConnection(URL, "sa", "")) {
            assertEquals(List.of(
                    List.of("1", "WIDGET", "2026-01-01 10:02:00", "2026-01-01 10:07:00", "0", "4", "2026-01-01 10:03:00"),
                    List.of("2", "WIDGET", "2026-01-01 11:00:00", "null", "1", "1", "2026-01-01 11:00:00"),
                    List.of("3", "WIDGET", "null", "null", "2", "2", "2026-01-01 12:01:00"),
                    List.of("4", "WIDGET", "null", "null", "2", "1", "2026-01-01 13:00:00")),
                    rows(db, "SELECT id, channel, unanswered_since, reply_deadline, processing_rank, last_message_seq, "
                            + "last_message_at FROM conversation ORDER BY id"));
            assertEquals(List.of(List.of("QUEUED", "9")),
                    rows(db, "SELECT delivery_status, COUNT(*) FROM message GROUP BY delivery_status"));
            assertEquals(List.of(List.of("10")), rows(db, "SELECT next_id FROM id_block WHERE name = 'message'"),
                    "the application's message ids start after those the database gave");
            assertEquals(List.of(List.of("0")), rows(db, "SELECT COUNT(*) FROM conversation_participant"));
        }
    }

    private static void migrate(String target) {
        var configuration = Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    private static void conversation(Connection db, long id, long inbox, String status) throws SQLException {
        execute(db, "INSERT INTO conversation (id, inbox_id, visitor_id, status, last_seq, created_at, "
                + "last_activity_at, version) VALUES (" + id + ", " + inbox + ", 1, '" + status + "', 0, "
                + "'2026-01-01 09:00:00', '2026-01-01 09:00:00', 0)");
    }

    private static void message(Connection db, long conversation, long seq, String author, String time)
            throws SQLException {
        execute(db, "INSERT INTO message (conversation_id, seq, author_type, body, created_at) VALUES ("
                + conversation + ", " + seq + ", '" + author + "', 'text', '2026-01-01 " + time + "')");
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (var statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<List<String>> rows(Connection db, String sql) throws SQLException {
        try (var statement = db.createStatement(); var result = statement.executeQuery(sql)) {
            var rows = new ArrayList<List<String>>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                var row = new ArrayList<String>();
                for (int c = 1; c <= columns; c++) {
                    var value = result.getString(c);
                    row.add(value == null ? "null" : value.replaceFirst("\\.0+$", ""));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
