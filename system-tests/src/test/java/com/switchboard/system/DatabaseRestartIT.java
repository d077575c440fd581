package com.switchboard.system;

import static com.switchboard.system.ExternalPartsCrashIT.work;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.DeliveryLedger;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The database server stalled, then killed with SIGKILL under a node in load and started again on its data folder,
 * then its disk filled up and given room again (a MariaDB of the test's own, its data folder on a tmpfs of its own
 * where the test may mount one: the machine's shared server is never touched): readiness says DOWN while the
 * database stalls, is gone or has no room, and UP once it serves again, the node serves again without being
 * restarted, and every message a visitor had acknowledged is stored exactly once, where it was acknowledged. While
 * it stalls, each wait for it ends at the node's bound (SWITCHBOARD_DB_TIMEOUT_SECONDS): visitors' sends and agents'
 * calls are refused with {@code server.unavailable} while the stall still lasts.
 */
@ResourceLock(Lanes.BROKEN_PARTS)
class DatabaseRestartIT {

    private static final String DATABASE = "switchboard_db_restart";
    private static final int VISITORS = 8;
    private static final Duration PACE = Duration.ofMillis(250);
    private static final Duration DOWN = Duration.ofSeconds(10);
    /** The node's bound on each wait for the database: far shorter than the stall, so that it shows. */
    private static final int BOUND_SECONDS = 4;
    private static final Duration STALL = Duration.ofSeconds(6 * BOUND_SECONDS);
    /**
     * How long a request may take while the database stalls: each wait is bounded, but a request may meet several.
     * A statement's bound, then the rollback's on the connection the driver closed; twice the bound when it waited
     * that long for a free connection first. The longest path seen: the pool's check of a pooled connection (a
     * bound), after which it drops them all, then up to three connects one after the other on the request's thread
     * (a bound each; by the log's timing, the pool filling its two steady connections again before the request's
     * own): four bounds and the time around them. Still short of the stall, which is what this tells apart.
     */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(5 * BOUND_SECONDS);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The database's own disk (a tmpfs): room for MariaDB's files (~80 MB) and its install (~115 MB). */
    private static final int DATABASE_DISK_MB = 192;

    /**
     * What a node logs while its database is gone, expected only from the kill until readiness is UP again: the
     * driver's and the pool's failures to reach it, and the container's and transaction manager's reports of the
     * requests and timers that failed with it (DTX5007: a rollback on a connection whose server died). The pool's
     * own: RAR5031, a commit or rollback on a connection whose server died or stalled; RAR5038, a new connection
     * that could not be made; RAR5117 and RAR5114, the request that got no connection for it. Any other of its
     * codes is a fault of the pool to look into.
     */
    private static final Pattern[] DATABASE_GONE = {
            Pattern.compile("Communications link failure|CommunicationsException|Connection refused"),
            Pattern.compile("RAR(5031|5038|5114|5117)\\D|JDBC|SQLException|SQLNonTransient|SQLTransient"
                    + "|DatabaseException"),
            Pattern.compile("AS-EJB-\\d{5}|EJBException|JTS50\\d\\d|TransactionRolledback|RollbackException"),
            Pattern.compile("DTX5007|XAException|Managed Connection is not valid"),
            Pattern.compile("PersistenceException|EclipseLink")};

    private static final Pattern POOL_CODE = Pattern.compile("RAR\\d{4}");
    /** The pool's codes above, and RAR9000: its note (INFO) that it found a pooled connection broken. */
    private static final Set<String> EXPECTED_POOL_CODES = Set.of("RAR5031", "RAR5038", "RAR5114", "RAR5117",
            "RAR9000");
    /**
     * A transaction that begins on a connection while its database is away: the connection's XA start fails
     * (RAR5027) and the pool evicts it (RAR7132). Explained by an outage only while one lasts.
     */
    private static final Pattern OUTAGE_POOL_CODES = Pattern.compile("RAR(5027|7132)\\D");

    /**
     * What a node logs while its database stalls, expected only then: the statements that ran out of time and the
     * connections the driver closed for them, and the requests, transactions and timers that failed with them.
     */
    private static final Pattern[] DATABASE_STALLED = {
            Pattern.compile("MySQLTimeoutException|SQLTimeoutException|Statement cancelled due to timeout"),
            Pattern.compile("CommunicationsException|SocketTimeoutException|Read timed out|connection closed"),
            DATABASE_GONE[1], DATABASE_GONE[2], DATABASE_GONE[3], DATABASE_GONE[4]};

    /** The refusal that tells a client to send again a little later. */
    private static final String UNAVAILABLE = "server.unavailable";
    /** How the node's log says that the database's disk is full: once, until it has room again. */
    private static final String NO_ROOM = "The database has no room to write";
    /**
     * What a node logs while its database's disk is full, expected only from the fill until readiness is UP again:
     * the writes that failed, and the requests and transactions that failed with them.
     */
    private static final Pattern[] DATABASE_FULL = {
            Pattern.compile("The table '[^']+' is full|No space left on device|" + NO_ROOM),
            DATABASE_GONE[1], DATABASE_GONE[2], DATABASE_GONE[4]};

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
        List<String> poolCodes;
        try (var database = OwnMariaDbServer.start(work().resolve("own-mariadb"), DATABASE_DISK_MB);
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
                    // The visitor, the agent and the readiness probe ask at once: each is bounded on its own, and
                    // one after the other they could outlast the stall on a loaded machine.
                    var agentCall = CompletableFuture.supplyAsync(() -> timed(() -> Http.get(
                            node.appUrl() + "/api/agent/me", agentToken)));
                    var readiness = CompletableFuture.supplyAsync(() -> timed(() -> {
                        awaitReadiness(node, 503, "DOWN while the database stalls");
                        return 503;
                    }));
                    var refusal = answer(probe.send(Json.createObjectBuilder().add("type", "message.send")
                            .add("text", "while the database stalls").add("ref", "stalled").build()), "stalled");
                    var visitorWaited = Duration.ofNanos(System.nanoTime() - stallStarted);
                    var agentWaited = agentCall.get().getKey();
                    var call = agentCall.get().getValue();
                    readiness.get();
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
                // The probe either outlasts the check's wait or fails its connection's check first: both say so.
                for (var said : List.of(Pattern.compile("Readiness is DOWN: the database (failed: the database )?did "
                        + "not answer"), Pattern.compile("Reaching the database works again"))) {
                    assertTrue(node.output().stream().anyMatch(line -> said.matcher(line).find()), () -> "the log "
                            + "says '" + said + "': " + node.output().stream().filter(line -> line.contains(
                            "ProbedPart")).toList());
                }
                awaitAcknowledged(ledger.acknowledgedCount() + 100);

                long killedAt = System.currentTimeMillis();
                int linesBefore = node.output().size();
                databaseUp = false;
                database.kill();
                int before = ledger.acknowledgedCount();
                awaitReadiness(node, 503, "DOWN while the database is gone");
                // Every API call fails while it is gone; the log tells of the outage once, not once a call.
                for (int i = 0; i < 3; i++) {
                    var call = Http.get(node.appUrl() + "/api/agent/me", agentToken);
                    assertEquals(503, call.statusCode(), () -> "a call while the database is gone: " + call.body());
                    assertTrue(call.body().contains("\"server.unavailable\""), call::body);
                }
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
                // The calls' failures since the stall (its call, the three above) were logged once, then counted.
                assertTrue(node.output().stream().anyMatch(line -> line.contains(
                        "Answering API requests works again (3 more attempts failed meanwhile)")), () -> "the log "
                        + "says the API works again: " + node.output().stream().filter(line -> line.contains(
                        "ApiFailures")).toList());
                int outageLines = node.output().size() - linesBefore;
                System.out.println("DatabaseRestartIT: " + outageLines + " log lines while the database was away");
                assertTrue(outageLines < MAX_OUTAGE_LOG_LINES, () -> outageLines + " log lines while the database"
                        + " was away: each kind of failure is logged once a minute, not once per request");
                databaseUp = true;
                awaitAcknowledged(ledger.acknowledgedCount() + 150);

                long filledAt = System.currentTimeMillis();
                long roomAgainAt = filledAt;
                if (database.onFileSystemOfItsOwn()) {
                    roomAgainAt = fillTheDatabasesDiskUp(node, database);
                } else {
                    System.out.println("DatabaseRestartIT: the database's disk is not filled up (mounting a tmpfs"
                            + " needs root)");
                }

                writing = false;
                for (var writer : writers) {
                    writer.join(30_000);
                }
                assertTrue(failures.isEmpty(), () -> "while writing: " + failures);
                var verdict = ledger.check(stored(database));
                System.out.println("DatabaseRestartIT: " + verdict + "; refusals: " + refusals);
                assertTrue(verdict.clean(), verdict::toString);
                node.stop(Duration.ofSeconds(90));
                var outsideOutages = NodeLog.withoutRecordsBetween(NodeLog.withoutRecordsBetween(
                        NodeLog.withoutRecordsBetween(node.output(), stalledAt, stallEnded + 5_000, OUTAGE_POOL_CODES),
                        killedAt, upAgainAt + 5_000, OUTAGE_POOL_CODES), filledAt, roomAgainAt + 5_000,
                        OUTAGE_POOL_CODES);
                poolCodes = outsideOutages.stream().flatMap(line -> POOL_CODE.matcher(line).results())
                        .map(MatchResult::group).filter(code -> !EXPECTED_POOL_CODES.contains(code)).toList();
                trouble = NodeLog.problems(NodeLog.withoutRecordsBetween(NodeLog.withoutRecordsBetween(
                        NodeLog.withoutRecordsBetween(node.output(), stalledAt, stallEnded + 5_000, DATABASE_STALLED),
                        killedAt, upAgainAt + 5_000, DATABASE_GONE), filledAt, roomAgainAt + 5_000, DATABASE_FULL));
            }
        }
        assertTrue(trouble.isEmpty(), () -> "the node logged trouble:\n" + String.join("\n", trouble));
        assertTrue(poolCodes.isEmpty(), () -> "the pool logged codes no outage here explains: " + poolCodes);
    }

    /**
     * The database's disk fills up while the visitors write: InnoDB refuses to grow its files, and each write that
     * needs room fails with "The table '…' is full" (1114) while reads and writes in place still work. The node
     * says so once, readiness is DOWN, and sends are refused with {@code server.unavailable} (to be sent again),
     * never acknowledged and lost, nor refused as a fault of the node's own ({@code internal}). Once there is room
     * again, the node serves by itself: readiness UP, sends acknowledged.
     *
     * @return when readiness was UP again
     */
    private long fillTheDatabasesDiskUp(SwitchboardProcess node, OwnMariaDbServer database) throws Exception {
        int refusedBefore = refused(UNAVAILABLE);
        database.fillUp();
        int acknowledgedWhenFull = ledger.acknowledgedCount();
        awaitReadiness(node, 503, "DOWN while the database's disk is full");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (refused(UNAVAILABLE) < refusedBefore + VISITORS && System.nanoTime() < deadline
                && failures.isEmpty()) {
            Thread.sleep(50);
        }
        assertTrue(failures.isEmpty(), () -> "while the database's disk was full: " + failures);
        assertTrue(refused(UNAVAILABLE) >= refusedBefore + VISITORS, () -> "sends refused while the "
                + "database's disk was full: " + refusals);
        assertFalse(refusals.containsKey("internal"), () -> "a send refused as a failure of the node's own (its log"
                + " says which): " + refusals);
        System.out.println("DatabaseRestartIT: the database's disk filled up; "
                + (ledger.acknowledgedCount() - acknowledgedWhenFull) + " acknowledged after (InnoDB wrote into the "
                + "room its files still had); refusals: " + refusals);
        var said = node.output().stream().filter(line -> line.contains(NO_ROOM)).toList();
        assertEquals(1, said.size(), () -> "the log says '" + NO_ROOM + "' once: " + said);

        database.makeRoom();
        awaitReadiness(node, 200, "UP once the database's disk has room again, without restarting the node");
        long roomAgainAt = System.currentTimeMillis();
        awaitAcknowledged(ledger.acknowledgedCount() + 100);
        assertFalse(refusals.containsKey("internal"), refusals::toString);
        return roomAgainAt;
    }

    private int refused(String code) {
        var count = refusals.get(code);
        return count == null ? 0 : count.get();
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

    /** What {@code call} returned and how long it took. */
    private static <T> Map.Entry<Duration, T> timed(Callable<T> call) {
        long started = System.nanoTime();
        try {
            T result = call.call();
            return Map.entry(Duration.ofNanos(System.nanoTime() - started), result);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
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
