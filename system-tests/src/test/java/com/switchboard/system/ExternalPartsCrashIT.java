package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.DeliveryLedger;
import com.switchboard.system.support.EventRecorder;
import com.switchboard.system.support.ExternalArtemis;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.LegacySender;
import com.switchboard.system.support.MariaDb;
import com.switchboard.system.support.NodeLog;
import com.switchboard.system.support.SwitchboardProcess;
import com.switchboard.system.support.WidgetVisitor;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The production configuration (MariaDB, an external Artemis made from the distribution) under load from both
 * channels at once, widget visitors (keyed by {@code clientId}) and a legacy system posting {@code visitor.message}
 * (keyed by {@code externalId}), while one part is killed with SIGKILL and started again. Afterwards every
 * acknowledged message is stored exactly once (where it was acknowledged), every inbound message acted once, and a
 * durable subscriber of {@code switchboard.events} got each conversation's events exactly once, seq 1 to the
 * conversation's last, and one {@code message.created} per stored message.
 */
@ResourceLock(Lanes.BROKEN_PARTS)
class ExternalPartsCrashIT {

    private static final int VISITORS = 8;
    private static final Duration VISITOR_PACE = Duration.ofMillis(250);
    private static final Duration SENDER_PACE = Duration.ofMillis(100);
    private static final int ACKNOWLEDGED_BEFORE_FAULT = 200;
    private static final int NODE_KILLS = 2;
    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(8);
    private static final Duration READINESS_ANSWERS_WITHIN = Duration.ofSeconds(5);

    /**
     * What a node logs when its broker dies under it, expected only from the kill until messages flow again: the
     * Artemis client's own warnings on the broken connection (AMQ21xxxx, AMQ219xxx), the transaction manager's on
     * the broker's resource failing in commit, prepare or rollback (JTS5031, JTS5067, JTS5068, SEVERE for a
     * one-phase commit whose outcome it cannot know), the connector pool's on a broker connection it could not
     * hand out or enlist (RAR5029 SEVERE, RAR5117, RAR7132), the container's on the transactions that failed with
     * it, and the product's own notes of what it keeps for later (the outbox) or could not send (internal events).
     */
    private static final Pattern[] BROKER_GONE = {
            Pattern.compile("AMQ21\\d{4}|AMQ219\\d{3}|Connection reset by peer"),
            Pattern.compile("JTS50(31|67|68)"),
            Pattern.compile("RAR5029|RAR5117|RAR7132|Error in allocating a connection"),
            Pattern.compile("AS-EJB-00056|Unable to complete container-managed transaction|Transaction aborted"),
            Pattern.compile("outbound events could not be sent now|Could not send \\d+ message")};

    private final DeliveryLedger ledger = new DeliveryLedger();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> refusals = WidgetVisitor.newRefusalCounts();
    private final List<WidgetVisitor> visitors = new ArrayList<>();
    private volatile SwitchboardProcess node;
    private volatile boolean nodeUp;
    private volatile boolean visitorsWrite;
    private volatile boolean senderSends;

    /**
     * (a) The node dies mid-load, {@value #NODE_KILLS} times in a row; the broker and the database stay. The legacy
     * system keeps posting meanwhile, and new visitors write after each restart.
     */
    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aNodeKilledMidLoadLosesAndDuplicatesNothingAcknowledged() throws Exception {
        var database = "switchboard_crash_node";
        MariaDb.recreate(database);
        var trouble = new ArrayList<String>();
        try (var broker = ExternalArtemis.start(work().resolve("crash-node-broker"));
             var events = EventRecorder.subscribe(broker.url(), "crash-node")) {
            var sender = new LegacySender(broker.url(), "support", ledger);
            node = launch("crash-node-1", database, broker).awaitReady(START);
            nodeUp = true;
            for (int kill = 1; kill <= NODE_KILLS; kill++) {
                int before = ledger.acknowledgedCount();
                var writers = startLoad(sender, "k" + kill + "w");
                awaitAcknowledged(before + ACKNOWLEDGED_BEFORE_FAULT);

                node.kill();
                nodeUp = false;
                visitorsWrite = false;
                joinVisitors(writers);
                trouble.addAll(NodeLog.problems(node.output()));
                System.out.println("ExternalPartsCrashIT: node killed (" + kill + " of " + NODE_KILLS + ") with "
                        + ledger.unacknowledged().size() + " messages unacknowledged");

                // The legacy system goes on posting while the node is away: its messages wait in the queue.
                node = launch("crash-node-" + (kill + 1), database, broker).awaitReady(START);
                nodeUp = true;
                senderSends = false;
                writers.get(writers.size() - 1).join(30_000);
                sender.resendUnacknowledged();
                for (var visitor : visitors) {
                    visitor.resendUnacknowledged(node.wsUrl());
                    visitor.disconnect();
                }
                visitors.clear();
            }
            sender.close();

            verify(database, events);
            node.stop(Duration.ofSeconds(90));
            trouble.addAll(NodeLog.problems(node.output()));
        } finally {
            if (node != null) {
                node.close();
            }
        }
        assertTrue(trouble.isEmpty(), () -> "the node logged trouble:\n" + String.join("\n", trouble));
    }

    /**
     * (c) The broker dies mid-load and is started again on its journal; the node and the database stay. Visitors'
     * sends are accepted or refused with an error frame meanwhile, never left unanswered.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aBrokerKilledMidLoadLosesAndDuplicatesNothingAcknowledged() throws Exception {
        var database = "switchboard_crash_broker";
        MariaDb.recreate(database);
        List<String> trouble;
        try (var broker = ExternalArtemis.start(work().resolve("crash-broker-broker"));
             var events = EventRecorder.subscribe(broker.url(), "crash-broker")) {
            var sender = new LegacySender(broker.url(), "support", ledger);
            node = launch("crash-broker", database, broker).awaitReady(START);
            nodeUp = true;
            var writers = startLoad(sender, "w");
            awaitAcknowledged(ACKNOWLEDGED_BEFORE_FAULT);

            long killedAt = System.currentTimeMillis();
            broker.kill();
            int before = ledger.acknowledgedCount();
            var readiness = readinessUntil(503, Instant.now().plus(BROKER_DOWN));
            assertEquals(503, readiness.statusCode(), () -> "readiness while the broker is down: "
                    + readiness.body());
            assertTrue(readiness.body().contains("\"broker\""), readiness::body);
            Thread.sleep(Math.max(0, killedAt + BROKER_DOWN.toMillis() - System.currentTimeMillis()));
            System.out.println("ExternalPartsCrashIT: " + (ledger.acknowledgedCount() - before)
                    + " messages acknowledged while the broker was down; refusals: " + refusals);
            broker.restart();
            assertEquals(200, readinessUntil(200, Instant.now().plus(SETTLE)).statusCode(),
                    "readiness once the broker is back, without restarting the node");
            // The operator reads why, once, and that it is over.
            for (var said : List.of(Pattern.compile("Readiness is DOWN: the broker (failed|did not answer)"),
                    Pattern.compile("Reaching the broker works again"))) {
                assertTrue(node.output().stream().anyMatch(line -> said.matcher(line).find()), () -> "the log says '"
                        + said + "': " + node.output().stream().filter(line -> line.contains("ProbedPart")).toList());
            }
            awaitAcknowledged(ledger.acknowledgedCount() + ACKNOWLEDGED_BEFORE_FAULT / 2);
            long flowingAgainAt = System.currentTimeMillis();

            visitorsWrite = false;
            senderSends = false;
            for (var writer : writers) {
                writer.join(30_000);
            }
            sender.resendUnacknowledged();
            sender.close();
            for (var visitor : visitors) {
                visitor.resendUnacknowledged(node.wsUrl());
                visitor.disconnect();
            }
            System.out.println("ExternalPartsCrashIT: sends the broker refused: " + sender.failedSends());

            verify(database, events);
            node.stop(Duration.ofSeconds(90));
            trouble = NodeLog.problems(NodeLog.withoutRecordsBetween(node.output(), killedAt,
                    flowingAgainAt + 5_000, BROKER_GONE));
        } finally {
            if (node != null) {
                node.close();
            }
        }
        assertTrue(trouble.isEmpty(), () -> "the node logged trouble:\n" + String.join("\n", trouble));
    }

    /** Visitors named {@code prefix00}, {@code prefix01}, … write, and the legacy system posts, from now on. */
    private List<Thread> startLoad(LegacySender sender, String prefix) {
        visitorsWrite = true;
        senderSends = true;
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < VISITORS; i++) {
            var visitor = new WidgetVisitor(prefix + "%02d".formatted(i), "support", ledger, failures, refusals);
            visitors.add(visitor);
            threads.add(new Thread(() -> visitor.writeWhile(() -> visitorsWrite, () -> nodeUp, () -> node.wsUrl(),
                    VISITOR_PACE), "visitor-" + i));
        }
        threads.add(new Thread(() -> sender.sendWhile(() -> senderSends, SENDER_PACE), "legacy-sender"));
        threads.forEach(Thread::start);
        return threads;
    }

    /**
     * Asks for readiness until it answers {@code status} or the deadline passes; each answer must come within a
     * few seconds (a probe that hangs while a part is away is no probe).
     */
    private HttpResponse<String> readinessUntil(int status, Instant deadline) throws Exception {
        while (true) {
            long asked = System.nanoTime();
            var response = Http.get(node.baseUrl() + "/health/ready");
            var took = Duration.ofNanos(System.nanoTime() - asked);
            assertTrue(took.compareTo(READINESS_ANSWERS_WITHIN) <= 0, () -> "readiness took " + took);
            if (response.statusCode() == status || Instant.now().isAfter(deadline)) {
                return response;
            }
            Thread.sleep(250);
        }
    }

    private void awaitAcknowledged(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (ledger.acknowledgedCount() < count && System.nanoTime() < deadline && failures.isEmpty()) {
            Thread.sleep(50);
        }
        assertTrue(failures.isEmpty(), () -> "while writing: " + failures);
        assertTrue(ledger.acknowledgedCount() >= count, () -> "only " + ledger.acknowledgedCount()
                + " messages acknowledged in 90 s");
    }

    private void joinVisitors(List<Thread> writers) throws InterruptedException {
        for (var writer : writers.subList(0, VISITORS)) {
            writer.join(30_000);
        }
    }

    /**
     * Once the inbound queue and the outbox are drained: the ledger against the message table (one row per
     * acknowledged key, at its place), and the events against each conversation's counter.
     */
    private void verify(String database, EventRecorder events) throws Exception {
        assertTrue(failures.isEmpty(), () -> "while writing: " + failures);
        var verdict = awaitStored(database);
        System.out.println("ExternalPartsCrashIT stored: " + verdict + "; refusals: " + refusals);
        assertTrue(verdict.clean(), verdict::toString);
        assertEquals(verdict.acknowledged(), verdict.stored(), "every message sent was acknowledged by now");

        var expected = awaitEvents(database, events);
        var problems = events.problemsAgainst(expected);
        System.out.println("ExternalPartsCrashIT events: " + events.events().size() + " for " + expected.size()
                + " conversations; arrived after a later seq: " + events.overtaken() + "; handed out again by the"
                + " broker: " + events.redelivered() + "; sent again by the outbox's sweep: " + events.resent());
        assertTrue(problems.isEmpty(), () -> problems.size() + " event problems: "
                + problems.subList(0, Math.min(20, problems.size())));
        var outside = events.outsideTheContract();
        assertTrue(outside.isEmpty(), () -> outside.size() + " events outside their schemas: "
                + outside.subList(0, Math.min(5, outside.size())));

        var published = new ArrayList<Map.Entry<String, String>>();
        for (var event : events.withoutResentCopies()) {
            if (event.getString("type").equals("message.created") && event.getString("author").equals("VISITOR")) {
                var text = event.getString("text");
                var key = text.substring(text.indexOf(' ') + 1);
                published.add(new SimpleEntry<>(key, key.startsWith("x-") ? null
                        : event.getJsonNumber("conversationId").longValue() + "#"
                        + event.getJsonNumber("messageSeq").longValue()));
            }
        }
        var eventVerdict = ledger.check(published);
        assertTrue(eventVerdict.clean(), () -> "message.created events: " + eventVerdict);
        assertEquals(verdict.stored(), eventVerdict.stored(), "one message.created per stored message");
    }

    /** Waits until every acknowledged legacy message is stored (the queue drained), then compares. */
    private DeliveryLedger.Verdict awaitStored(String database) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            var verdict = ledger.check(stored(database));
            if (verdict.lost().isEmpty() || System.nanoTime() > deadline) {
                return verdict;
            }
            Thread.sleep(1000);
        }
    }

    private static List<Map.Entry<String, String>> stored(String database) throws SQLException {
        var stored = new ArrayList<Map.Entry<String, String>>();
        try (var connection = MariaDb.connect(database); var rows = connection.createStatement().executeQuery(
                "SELECT client_id, conversation_id, seq, body FROM message WHERE author_type = 'VISITOR'")) {
            while (rows.next()) {
                var clientId = rows.getString(1);
                if (clientId != null) {
                    stored.add(Map.entry(clientId, rows.getLong(2) + "#" + rows.getLong(3)));
                } else {
                    var body = rows.getString(4);
                    stored.add(new SimpleEntry<>(body.substring(body.indexOf(' ') + 1), null));
                }
            }
        }
        return stored;
    }

    /**
     * Each conversation's last seq, once the outbox is empty and the subscriber has as many events as the counters
     * say (the outbox's sweep sends what a crash left within 15 to 20 s).
     */
    private static Map<Long, Long> awaitEvents(String database, EventRecorder events) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            var expected = new HashMap<Long, Long>();
            long outbox;
            try (var connection = MariaDb.connect(database); var statement = connection.createStatement()) {
                try (var rows = statement.executeQuery("SELECT id, outbound_seq FROM conversation")) {
                    while (rows.next()) {
                        expected.put(rows.getLong(1), rows.getLong(2));
                    }
                }
                try (var rows = statement.executeQuery("SELECT COUNT(*) FROM outbound_event")) {
                    rows.next();
                    outbox = rows.getLong(1);
                }
            }
            long wanted = expected.values().stream().mapToLong(Long::longValue).sum();
            if (outbox == 0 && events.events().size() >= wanted || System.nanoTime() > deadline) {
                Thread.sleep(2000); // room for a second copy to arrive, if one were on its way
                return expected;
            }
            Thread.sleep(1000);
        }
    }

    static SwitchboardProcess launch(String name, String database, ExternalArtemis broker) throws Exception {
        return SwitchboardProcess.launch(name, Map.of(
                "SWITCHBOARD_DB_URL", MariaDb.jdbcUrl(database),
                "SWITCHBOARD_DB_USER", MariaDb.APP_USER,
                "SWITCHBOARD_DB_PASSWORD", MariaDb.APP_PASSWORD,
                "SWITCHBOARD_BROKER_HOST", "127.0.0.1",
                "SWITCHBOARD_BROKER_PORT", Integer.toString(broker.port()),
                "SWITCHBOARD_BROKER_USER", ExternalArtemis.APP_USER,
                "SWITCHBOARD_BROKER_PASSWORD", ExternalArtemis.APP_PASSWORD,
                "SWITCHBOARD_DATA_DIR", "data",
                "SWITCHBOARD_ADMIN_EMAIL", "admin@example.com",
                "SWITCHBOARD_ADMIN_PASSWORD", "first-admin-secret"));
    }

    static Path work() {
        return Path.of(System.getProperty("it.work", "target/it-work")).toAbsolutePath();
    }
}
