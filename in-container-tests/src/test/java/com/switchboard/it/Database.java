package com.switchboard.it;

import static com.switchboard.it.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * What the tests read from the database: plain JDBC on the application's own data source, never the JPA code they
 * check. Runs in the container (the data source is the application's).
 */
final class Database {

    private static final String DATA_SOURCE = "java:app/jdbc/switchboard";

    private Database() {
    }

    /** The admin that the first start created. */
    static long firstAdmin() throws Exception {
        return longs("SELECT id FROM agent WHERE email = ?", "admin@switchboard.local").get(0);
    }

    static long version(long conversation) throws Exception {
        return count("SELECT version FROM conversation WHERE id = ?", conversation);
    }

    static String status(long conversation) throws Exception {
        return rows("SELECT status FROM conversation WHERE id = ?", conversation).get(0).get(0);
    }

    /** Waits for the conversation's pending offer to this agent and returns its id. */
    static long pendingOffer(long conversation, long agent) throws Exception {
        await("a pending offer of conversation " + conversation + " to agent " + agent, () -> count(
                "SELECT COUNT(*) FROM offer WHERE conversation_id = ? AND agent_id = ? AND status = 'PENDING'",
                conversation, agent) == 1);
        return count("SELECT id FROM offer WHERE conversation_id = ? AND agent_id = ? AND status = 'PENDING'",
                conversation, agent);
    }

    /**
     * Whether a statement matching {@code pattern} (SQL LIKE) runs in another session now, such as one waiting for
     * a lock. A user sees its own sessions without further rights; this query's own session is left out, as its
     * text holds the pattern.
     */
    static boolean runningElsewhere(String pattern) throws Exception {
        return count("SELECT COUNT(*) FROM information_schema.processlist WHERE command = 'Query'"
                + " AND id <> CONNECTION_ID() AND info LIKE ?", pattern) > 0;
    }

    /** A single number: the first column of the one row. */
    static long count(String sql, Object... parameters) throws Exception {
        var values = longs(sql, parameters);
        assertEquals(1, values.size(), "one row from " + sql);
        return values.get(0);
    }

    static List<Long> longs(String sql, Object... parameters) throws Exception {
        return rows(sql, parameters).stream().map(row -> Long.valueOf(row.get(0))).toList();
    }

    /** Every row as strings (booleans as "true"/"false"). */
    static List<List<String>> rows(String sql, Object... parameters) throws Exception {
        try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                var rows = new ArrayList<List<String>>();
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    var row = new ArrayList<String>();
                    for (int c = 1; c <= columns; c++) {
                        var value = result.getObject(c);
                        row.add(value instanceof Boolean b ? b.toString() : result.getString(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql + ": " + e, e);
        }
    }

    static DataSource dataSource() throws NamingException {
        return lookup(DATA_SOURCE);
    }

    @SuppressWarnings("unchecked")
    static <T> T lookup(String name) throws NamingException {
        return (T) InitialContext.doLookup(name);
    }
}
