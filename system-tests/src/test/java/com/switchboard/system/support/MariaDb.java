package com.switchboard.system.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The MariaDB server of the machine, reached as its administrator to give each suite a fresh database of its
 * own and the application a dedicated user (MicroProfile Config cannot pass root's empty password).
 */
public final class MariaDb {

    /** This suite's own user: other suites on the same server set their own users' passwords. */
    /** A bench gives a user of its own ({@code -Dit.db.user}), whose statements MariaDB then counts apart. */
    public static final String APP_USER = System.getProperty("it.db.user", "switchboard_system");
    public static final String APP_PASSWORD = "switchboard-system-it";

    private static final String HOST = System.getProperty("it.db.host", "127.0.0.1");
    private static final String PORT = System.getProperty("it.db.port", "3306");
    /** Put before every database name ({@code -Dit.db.prefix=sb_jms_}): runs of several people on one server apart. */
    private static final String PREFIX = System.getProperty("it.db.prefix", "");

    private MariaDb() {
    }

    /** Drops and recreates {@code database} and grants this suite's application user access to it. */
    public static void recreate(String database) throws SQLException {
        recreate(database, APP_USER, APP_PASSWORD);
    }

    /** Drops and recreates {@code database}; {@code user} gets {@code password} and all rights on it. */
    public static void recreate(String database, String user, String password) throws SQLException {
        database = PREFIX + database;
        if (!database.matches("[a-z_]+") || !user.matches("[a-z_]+") || password.contains("'")) {
            throw new IllegalArgumentException(database + " / " + user);
        }
        try (var connection = admin(); var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            grant(statement, "ALL", database, user, password);
        } catch (SQLException e) {
            throw new SQLException("Cannot prepare MariaDB database " + database + " at " + HOST + ":" + PORT
                    + ": " + e.getMessage(), e);
        }
    }

    /** A user who may read {@code database} but not change its schema. */
    public static void createReadOnlyUser(String database, String user, String password) throws SQLException {
        try (var connection = admin(); var statement = connection.createStatement()) {
            grant(statement, "SELECT", PREFIX + database, user, password);
        }
    }

    /** Creates the user (from any host) with this password, or resets the password, and grants the privileges. */
    private static void grant(Statement statement, String privileges, String database, String user, String password)
            throws SQLException {
        for (var host : new String[] {"localhost", "127.0.0.1", "%"}) {
            var account = "'" + user + "'@'" + host + "'";
            statement.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "'");
            statement.execute("ALTER USER " + account + " IDENTIFIED BY '" + password + "'");
            statement.execute("GRANT " + privileges + " ON " + database + ".* TO " + account);
        }
    }

    public static String jdbcUrl(String database) {
        return "jdbc:mysql://" + HOST + ":" + PORT + "/" + PREFIX + database;
    }

    /** A connection as the application's user, to look at what the application stored. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), APP_USER, APP_PASSWORD);
    }

    /** The server's count of statements received ({@code Questions}) and of commits since it started. */
    public record StatementCounts(long statements, long commits, long cpuNanos) {
        public StatementCounts minus(StatementCounts earlier) {
            return new StatementCounts(statements - earlier.statements, commits - earlier.commits,
                    cpuNanos < 0 || earlier.cpuNanos < 0 ? -1 : cpuNanos - earlier.cpuNanos);
        }
    }

    /**
     * The application user's statements now, with the CPU time of its connections in the database (MariaDB's user
     * statistics, switched on here: other clients of a shared server do not count), and the server's commits (the
     * user statistics count every statement's own commit too); where the statistics cannot be had, the
     * server-wide counts and no CPU time.
     */
    public static StatementCounts statementCounts() throws SQLException {
        var serverWide = serverWideCounts();
        try (var connection = admin(); var statement = connection.createStatement()) {
            statement.execute("SET GLOBAL userstat = 1");
            try (var rows = statement.executeQuery("SELECT SELECT_COMMANDS + UPDATE_COMMANDS + OTHER_COMMANDS, "
                    + "CPU_TIME FROM information_schema.USER_STATISTICS WHERE USER = '" + APP_USER + "'")) {
                return rows.next() ? new StatementCounts(rows.getLong(1), serverWide.commits(),
                        (long) (rows.getDouble(2) * 1e9)) : new StatementCounts(0, serverWide.commits(), 0);
            }
        } catch (SQLException e) {
            return serverWide;
        }
    }

    private static StatementCounts serverWideCounts() throws SQLException {
        try (var connection = admin(); var statement = connection.createStatement();
             var rows = statement.executeQuery(
                     "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit')")) {
            long questions = 0;
            long commits = 0;
            while (rows.next()) {
                if (rows.getString(1).equalsIgnoreCase("Questions")) {
                    questions = rows.getLong(2);
                } else {
                    commits = rows.getLong(2);
                }
            }
            return new StatementCounts(questions, commits, -1);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/",
                System.getProperty("it.db.admin.user", "root"), System.getProperty("it.db.admin.password", ""));
    }
}
