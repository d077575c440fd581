package com.switchboard.system.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.Directories;
import com.switchboard.system.support.MariaDb;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What the pool's check of a connection costs (the data source's {@code JDBC40ConnectionValidation}: the pool
 * calls {@code Connection.isValid} with its statement timeout before it hands out a connection that was not
 * checked in the last 2 s), against its floor in the same run: a commit like a message's (one UPDATE of the
 * conversation's row, one INSERT, the commit) on the same connection. Plain JDBC in this JVM, with the drivers and
 * the URLs' settings the launcher gives the node, on MariaDB (127.0.0.1:3306 as the system tests use it) and on the
 * embedded H2 (a file of its own, {@code WRITE_DELAY=0}; and, for what durable commits cost, H2 with its default
 * delay, which is not durable). Checks and commits alternate in rounds, so that a noisy
 * machine weighs on both alike; each round's median per operation is kept, and the report gives the median of the
 * rounds. Left out: the pool's own work around a check (looking up the validation class, a new instance), which
 * the node alone can show. Not a test: run with {@code bench/connection-check} and read the figures
 * (docs/PERFORMANCE.md).
 */
class ConnectionCheckBench {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 15);
    private static final int PER_ROUND = Integer.getInteger("bench.per-round", 400);
    private static final int WARM_UP = 2_000;
    /** The pool's statement timeout, which it passes to {@code isValid}: the launcher's default. */
    private static final int CHECK_TIMEOUT_SECONDS = 30;
    /** The launcher's settings for MySQL Connector/J (LauncherSettings), at its default timeout. */
    private static final String CONNECTOR_SETTINGS = "?cachePrepStmts=true&prepStmtCacheSize=250"
            + "&prepStmtCacheSqlLimit=2048&useLocalSessionState=true&connectTimeout=30000&socketTimeout=30000"
            + "&queryTimeoutKillsConnection=true";
    /** The launcher's H2 settings (LauncherSettings): durable commits, the lock wait, no trace file. */
    private static final String H2_SETTINGS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;TRACE_LEVEL_FILE=0";
    private static final int POOL_CONNECTIONS = 32;
    private static final double CHECK_PERIOD_SECONDS = 2;

    private final List<String> report = new ArrayList<>();

    @Test
    void theConnectionCheckAgainstACommitLikeAMessages() throws Exception {
        report.add("Connection check bench, " + LocalDate.now() + ": " + ROUNDS + " rounds of " + PER_ROUND
                + " checks and " + PER_ROUND + " commits each, alternating; medians of the rounds' medians");
        MariaDb.recreate("conncheck_bench", "conncheck_bench", "conncheck-secret");
        try (var mariaDb = DriverManager.getConnection(MariaDb.jdbcUrl("conncheck_bench") + CONNECTOR_SETTINGS,
                "conncheck_bench", "conncheck-secret")) {
            measure("MariaDB (" + mariaDb.getMetaData().getDatabaseProductVersion() + ", Connector/J "
                    + mariaDb.getMetaData().getDriverVersion() + ")", mariaDb);
        }
        var folder = Directories.recreate(Path.of(System.getProperty("it.work", "target/it-work"))
                .resolve("conncheck-bench").toAbsolutePath());
        double durable;
        try (var h2 = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("switchboard") + H2_SETTINGS,
                "switchboard", "switchboard")) {
            durable = measure("H2 " + h2.getMetaData().getDatabaseProductVersion() + " (embedded, WRITE_DELAY=0)", h2);
        }
        // H2's own default writes commits to its file up to half a second later: what durability costs (issue 24).
        double lazy;
        try (var h2 = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("lazy")
                + H2_SETTINGS.replace(";WRITE_DELAY=0", ""), "switchboard", "switchboard")) {
            lazy = measure("H2 with its default WRITE_DELAY (not durable, for comparison)", h2);
        }
        report.add(String.format(Locale.ROOT, "Durable commits on H2 (WRITE_DELAY=0, the launcher's) take %.1f times "
                + "as long as with H2's default", durable / lazy));
        report.add("At most one check per connection every " + (int) CHECK_PERIOD_SECONDS + " s: with the pool's "
                + POOL_CONNECTIONS + " connections, at most " + (int) (POOL_CONNECTIONS / CHECK_PERIOD_SECONDS)
                + " checks a second on a node, whatever the load (fewer connections in use, fewer checks).");
        var file = Path.of(System.getProperty("bench.report", "target/connection-check-bench-report.txt"));
        Files.write(file, report, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        report.forEach(System.out::println);
    }

    /** Reports both operations on this database; returns a commit's median time (µs). */
    private double measure(String database, Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_message");
            statement.execute("DROP TABLE IF EXISTS bench_conversation");
            statement.execute("CREATE TABLE bench_conversation (id BIGINT PRIMARY KEY, last_seq BIGINT NOT NULL)");
            statement.execute("CREATE TABLE bench_message (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "conversation_id BIGINT NOT NULL, seq BIGINT NOT NULL, text VARCHAR(200) NOT NULL)");
            statement.execute("INSERT INTO bench_conversation VALUES (1, 0)");
        }
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        connection.setAutoCommit(false);
        try (var raise = connection.prepareStatement("UPDATE bench_conversation SET last_seq = last_seq + 1 "
                + "WHERE id = 1");
             var insert = connection.prepareStatement("INSERT INTO bench_message (conversation_id, seq, text) "
                     + "VALUES (1, ?, 'Hello, is anyone there? I have a question about my order.')")) {
            var seq = new long[1];
            Operation commit = () -> {
                raise.executeUpdate();
                insert.setLong(1, ++seq[0]);
                insert.executeUpdate();
                connection.commit();
            };
            Operation check = () -> assertTrue(connection.isValid(CHECK_TIMEOUT_SECONDS), "the connection is valid");
            run(commit, WARM_UP);
            run(check, WARM_UP);
            var commitWall = new double[ROUNDS];
            var commitCpu = new double[ROUNDS];
            var checkWall = new double[ROUNDS];
            var checkCpu = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                var commits = run(commit, PER_ROUND);
                var checks = run(check, PER_ROUND);
                commitWall[round] = commits.wallMicros();
                commitCpu[round] = commits.cpuMicros();
                checkWall[round] = checks.wallMicros();
                checkCpu[round] = checks.cpuMicros();
            }
            double commitMicros = median(commitWall);
            double checkMicros = median(checkWall);
            report.add(database + ":");
            report.add(String.format(Locale.ROOT, "  commit like a message's: %.2f µs (this JVM's CPU %.2f µs)",
                    commitMicros, median(commitCpu)));
            report.add(String.format(Locale.ROOT, "  connection check:        %.2f µs (this JVM's CPU %.2f µs), "
                    + "%.4f of a commit", checkMicros, median(checkCpu), checkMicros / commitMicros));
            // A message may take more than one connection from the pool; the checks a second are bounded anyway.
            double checksPerSecond = POOL_CONNECTIONS / CHECK_PERIOD_SECONDS;
            for (int rate : new int[] {10, 100, 500}) {
                report.add(String.format(Locale.ROOT, "  at %d messages/s: at most %.3f checks a message, their time "
                                + "at most %.4f of one such commit", rate, checksPerSecond / rate,
                        checksPerSecond / rate * checkMicros / commitMicros));
            }
            return commitMicros;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The median wall and CPU time of one operation over a block of them (median of 20 slices). */
    private static Timing run(Operation operation, int count) throws SQLException {
        var threads = ManagementFactory.getThreadMXBean();
        int slices = 20;
        int perSlice = Math.max(1, count / slices);
        var wall = new double[slices];
        var cpu = new double[slices];
        for (int slice = 0; slice < slices; slice++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < perSlice; i++) {
                operation.run();
            }
            wall[slice] = (System.nanoTime() - start) / 1_000.0 / perSlice;
            cpu[slice] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000.0 / perSlice;
        }
        return new Timing(median(wall), median(cpu));
    }

    private static double median(double[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private record Timing(double wallMicros, double cpuMicros) {
    }

    @FunctionalInterface
    private interface Operation {
        void run() throws SQLException;
    }
}
