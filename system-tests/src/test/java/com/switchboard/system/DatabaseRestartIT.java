package com.switchboard.system;

import static com.switchboard.system.ExternalPartsCrashIT.work;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.DeliveryLedger;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.NodeLog;
import com.switchboard.system.support.OwnMariaDbServer;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.StallingProxy;
import com.switchboard.system.support.SwitchboardProcess;
import com.switchboard.system.support.WidgetVisitor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The database server stalled, then killed with SIGKILL under a node in load and started again on its data folder
 * (a MariaDB of the test's own: the machine's shared server is never touched): readiness says DOWN while the
 * database stalls or is gone and UP once it answers, the node serves again without being restarted, and every
 * message a visitor had acknowledged is stored exactly once, where it was acknowledged. While it stalls, no request
 * waits for it longer than the node's bound (SWITCHBOARD_DB_TIMEOUT_SECONDS): visitors' sends and agents' calls are
 * refused with {@code server.unavailable} while the stall still lasts.
 */
class DatabaseRestartIT {

    private static final String DATABASE = "switchboard_db_restart";
    private static final int VISITORS = 8;
    private static final Duration PACE = Duration.ofMillis(250);
    private static final Duration DOWN = Duration.ofSeconds(10);
    /** The node's bound on each wait for the database: far shorter than the stall, so that it shows. */
    private static final int BOUND_SECONDS = 4;
    private static final Duration STALL = Duration.ofSeconds(5 * BOUND_SECONDS);
    /**
     * How long a request may take while the database stalls: a statement's bound, then the rollback's on the
     * connection the driver closed; twice the bound when it waited that long for a free connection first.
     */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(3 * BOUND_SECONDS);
    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * What a node logs while its database is gone, expected only from the kill until readiness is UP again: the
     * driver's and the pool's failures to reach it, and the container's and transaction manager's reports of the
     * requests and timers that failed with it (DTX5007: a rollback on a connection whose server died).
     */
    private static final Pattern[] DATABASE_GONE = {
            Pattern.compile("Communications link failure|CommunicationsException|Connection refused"),
            Pattern.compile("RAR\\d{4}|JDBC|SQLException|SQLNonTransient|SQLTransient|DatabaseException"),
            Pattern.compile("AS-EJB-\\d{5}|EJBException|JTS50\\d\\d|TransactionRolledback|RollbackException"),
            Pattern.compile("DTX5007|XAException|Managed Connection is not valid"),
            Pattern.compile("PersistenceException|EclipseLink")};

    /**
     * What a node logs while its database stalls, expected only then: the statements that ran out of time and the
     * connections the driver closed for them, and the requests, transactions and timers that failed with them.
     */
    private static final Pattern[] DATABASE_STALLED = {
            Pattern.compile("MySQLTimeoutException|SQLTimeoutException|Statement cancelled due to timeout"),
            Pattern.compile("CommunicationsException|SocketTimeoutException|Read timed out|connection closed"),
            DATABASE_GONE[1], DATABASE_GONE[2], DATABASE_GONE[3], DATABASE_GONE[4]};

    /** A few stack traces of each kind of failure; without a bound every failed request wrote hundreds of lines. */
    private static final int MAX_OUTAGE_LOG_LINES = 5_000;

    private final DeliveryLedger ledger = new DeliveryLedger();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> refusals = WidgetVisitor.newRefusalCounts();
    private volatile boolean writing = true;
    private volatile boolean databaseUp = true;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theNodeRecoversFromADatabaseRestartByItselfAndLosesNothingAcknowledged() throws Exception {
        List<String> trouble;
        try (var database = OwnMariaDbServer.start(work().resolve("own-mariadb"));
             var stalling = new StallingProxy(database.port())) {
            database.createDatabase(DATABASE);
            try (var node = SwitchboardProcess.launch("db-restart", Map.of(
                    "SWITCHBOARD_DB_URL", "jdbc:mysql://127.0.0.1:" + stalling.port() + "/" + DATABASE,
                    "SWITCHBOARD_DB_USER", "switchboard",
                    "SWITCHBOARD_DB_PASSWORD", "no-grant-tables-so-any",
                    "SWITCHBOARD_DB_TIMEOUT_SECONDS", Integer.toString(BOUND_SECONDS),
                    "SWITCHBOARD_DATA_DIR", "data",
                    "SWITCHBOARD_BROKER_PORT", Integer.toString(FreePorts.next()),
                    "SWITCHBOARD_ADMIN_EMAIL", "admin@example.com",
                    "SWITCHBOARD_ADMIN_PASSWORD", "first-admin-secret")).awaitReady(Duration.ofMinutes(4))) {
                assertEquals(200, ready(node), "ready on a running database");
                var writers = new ArrayList<Thread>();
                for (int i = 0; i < VISITORS; i++) {
                    var visitor = new WidgetVisitor("d%02d".formatted(i), "support", ledger, failures, refusals);
                    writers.add(new Thread(() -> visitor.writeWhile(() -> writing, () -> databaseUp, node::wsUrl,
                            PACE), "visitor-" + i));
                }
                writers.forEach(Thread::start);
                awaitAcknowledged(150);

                // A database that stalls (overloaded, paused) rather than goes: the node says so, and every request
                // fails within the bound instead of waiting for it. The visitors keep writing and count a send
                // left unanswered for 20 s as a failure.
                var agentToken = node.signIn("admin@example.com", "first-admin-secret");
                long stalledAt;
                int stallLines;
                try (var probe = SocketClient.connect(node.wsUrl() + "/ws/visitor?inbox=support")) {
                    probe.next("welcome", WAIT);
                    int linesBefore = node.output().size();
                    stalling.stall();
                    stalledAt = System.currentTimeMillis();
                    long stallStarted = System.nanoTime();
                    var refusal = answer(probe.send(Json.createObjectBuilder().add("type", "message.send")
                            .add("text", "while the database stalls").add("ref", "stalled").build()), "stalled");
                    var visitorWaited = Duration.ofNanos(System.nanoTime() - stallStarted);
                    long callStarted = System.nanoTime();
                    var call = Http.get(node.appUrl() + "/api/agent/me", agentToken);
                    var agentWaited = Duration.ofNanos(System.nanoTime() - callStarted);
                    awaitReadiness(node, 503, "DOWN while the database stalls");
                    var stalledFor = Duration.ofNanos(System.nanoTime() - stallStarted);
                    System.out.println("DatabaseRestartIT: while the database stalled, a visitor's send was refused"
                            + " after " + visitorWaited.toMillis() + " ms, an agent's call after "
                            + agentWaited.toMillis() + " ms (bound " + BOUND_SECONDS + " s)");
                    assertEquals("server.unavailable", refusal.getString("code", refusal.toString()),
                            refusal::toString);
                    assertTrue(refusal.containsKey("retryAfterMs"), refusal::toString);
                    assertEquals(503, call.statusCode(), call::body);
                    assertTrue(call.body().contains("\"server.unavailable\""), call::body);
                    assertTrue(call.headers().firstValue("Retry-After").isPresent(), call.headers()::toString);
                    assertTrue(visitorWaited.compareTo(ANSWERED_WITHIN) < 0, "the visitor answered within the bound");
                    assertTrue(agentWaited.compareTo(ANSWERED_WITHIN) < 0, "the agent answered within the bound");
                    assertTrue(stalledFor.compareTo(STALL) < 0, "all of it while the database still stalled");
                    Thread.sleep(STALL.minus(stalledFor).toMillis());
                    stalling.resume();
                    awaitReadiness(node, 200, "UP once the database answers again");
                    stallLines = node.output().size() - linesBefore;
                }
                System.out.println("DatabaseRestartIT: " + stallLines + " log lines while the database stalled; "
                        + "refusals so far: " + refusals);
                assertTrue(stallLines < MAX_OUTAGE_LOG_LINES, () -> stallLines + " log lines while the database "
                        + "stalled");
                assertTrue(refusals.containsKey("server.unavailable"), () -> "the writers were refused: " + refusals);
                long stallEnded = System.currentTimeMillis();
                for (var said : List.of("Readiness is DOWN: the database did not answer",
                        "Reaching the database works again")) {
                    assertTrue(node.output().stream().anyMatch(line -> line.contains(said)), () -> "the log says '"
                            + said + "': " + node.output().stream().filter(line -> line.contains("ProbedPart")).toList());
                }
                awaitAcknowledged(ledger.acknowledgedCount() + 100);

                long killedAt = System.currentTimeMillis();
                int linesBefore = node.output().size();
                databaseUp = false;
                database.kill();
                int before = ledger.acknowledgedCount();
                awaitReadiness(node, 503, "DOWN while the database is gone");
                Thread.sleep(DOWN.toMillis());
                System.out.println("DatabaseRestartIT: " + (ledger.acknowledgedCount() - before)
                        + " acknowledged while the database was down; refusals: " + refusals);
                database.restart();
                awaitReadiness(node, 200, "UP once the database is back, without restarting the node");
                long upAgainAt = System.currentTimeMillis();
                // No request after that gets a pooled connection to the server that died (the pool checks them).
                for (int i = 0; i < 5; i++) {
                    var call = Http.get(node.appUrl() + "/api/agent/me", agentToken);
                    assertEquals(200, call.statusCode(), () -> "a call once the database is back: " + call.body());
                }
                int outageLines = node.output().size() - linesBefore;
                System.out.println("DatabaseRestartIT: " + outageLines + " log lines while the database was away");
                assertTrue(outageLines < MAX_OUTAGE_LOG_LINES, () -> outageLines + " log lines while the database"
                        + " was away: each kind of failure is logged once a minute, not once per request");
                databaseUp = true;
                awaitAcknowledged(ledger.acknowledgedCount() + 150);

                writing = false;
                for (var writer : writers) {
                    writer.join(30_000);
                }
                assertTrue(failures.isEmpty(), () -> "while writing: " + failures);
                var verdict = ledger.check(stored(database));
                System.out.println("DatabaseRestartIT: " + verdict + "; refusals: " + refusals);
                assertTrue(verdict.clean(), verdict::toString);
                node.stop(Duration.ofSeconds(90));
                trouble = NodeLog.problems(NodeLog.withoutRecordsBetween(NodeLog.withoutRecordsBetween(
                        node.output(), stalledAt, stallEnded + 5_000, DATABASE_STALLED), killedAt, upAgainAt + 5_000,
                        DATABASE_GONE));
            }
        }
        assertTrue(trouble.isEmpty(), () -> "the node logged trouble:\n" + String.join("\n", trouble));
    }

    private void awaitAcknowledged(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ledger.acknowledgedCount() < count && System.nanoTime() < deadline && failures.isEmpty()) {
            Thread.sleep(50);
        }
        assertTrue(failures.isEmpty(), () -> "while writing: " + failures);
        assertTrue(ledger.acknowledgedCount() >= count, () -> "only " + ledger.acknowledgedCount()
                + " messages acknowledged; wanted " + count);
    }

    /** The frame answering the one sent with this {@code ref}, skipping the events before it. */
    private static JsonObject answer(SocketClient socket, String ref) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var frame = socket.poll(Duration.ofMillis(100));
            if (frame != null && ref.equals(frame.getString("ref", null))) {
                return frame;
            }
        }
        throw new AssertionError("no answer to '" + ref + "' within " + WAIT);
    }

    private static int ready(SwitchboardProcess node) throws Exception {
        return Http.get(node.baseUrl() + "/health/ready").statusCode();
    }

    private static void awaitReadiness(SwitchboardProcess node, int status, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int last;
        while ((last = ready(node)) != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": readiness still answers " + last + " after " + WAIT);
            }
            Thread.sleep(250);
        }
    }

    private static List<Map.Entry<String, String>> stored(OwnMariaDbServer database) throws Exception {
        var stored = new ArrayList<Map.Entry<String, String>>();
        try (var connection = database.connect(DATABASE); var rows = connection.createStatement().executeQuery(
                "SELECT client_id, conversation_id, seq FROM message WHERE client_id IS NOT NULL")) {
            while (rows.next()) {
                stored.add(Map.entry(rows.getString(1), rows.getLong(2) + "#" + rows.getLong(3)));
            }
        }
        return stored;
    }
}
