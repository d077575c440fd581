package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.DeliveryLedger;
import com.switchboard.system.support.Directories;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.LegacySender;
import com.switchboard.system.support.NodeLog;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.SwitchboardProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The embedded defaults (H2 in the data folder, the embedded broker) killed with SIGKILL while visitors write,
 * several times over, then stopped in order (SIGTERM) while they write: whatever a visitor had {@code message.accepted} for is in its conversation after the
 * restart, exactly once, at the seq it was accepted with. Each visitor reconnects with its token, sends again
 * (same {@code clientId}) what was never acknowledged, and replays its conversations from seq 0, as the widget
 * does. A legacy system posts to the embedded broker meanwhile: every message the broker took is in a conversation
 * once the restarted node has read its queue, exactly once (keyed by its {@code externalId}).
 */
@ResourceLock(Lanes.BROKEN_PARTS)
class CrashRecoveryIT {

    private static final int VISITORS = 20;
    private static final int KILLS = 3;
    /** Acknowledged messages a round waits for before the kill, so that it strikes with writes under way. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;
    /** Each visitor's pause between an acknowledgement and its next message: a steady ~5 messages/s each. */
    private static final Duration PACE = Duration.ofMillis(200);
    private static final Duration ANSWER = Duration.ofSeconds(20);
    private static final Duration START = Duration.ofMinutes(4);
    private static final String ADMIN_EMAIL = "crash-admin@example.com";
    private static final String ADMIN_PASSWORD = "crash-admin-secret";
    private final DeliveryLedger ledger = new DeliveryLedger();
    /** A legacy system posting to the embedded broker meanwhile: what the broker took is acknowledged. */
    private LegacySender legacy;
    private final List<Visitor> visitors = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    /**
     * Messages sent again after an {@code internal} or {@code server.unavailable} error: reported, they are the
     * product's to explain.
     */
    private final Map<String, AtomicInteger> retried = new ConcurrentSkipListMap<>();
    private volatile boolean ended;

    private enum Answer { ACCEPTED, RETRY, NONE }

    @Test
    // Five starts of a node and their rounds take about 3 minutes; a node that never comes back must not hold the
    // suite until CI's own limit.
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void acknowledgedMessagesSurviveKillsWithoutDuplicates() throws Exception {
        var dataDir = Directories.recreate(Path.of(System.getProperty("it.work", "target/it-work"), "crash-data")
                .toAbsolutePath());
        int brokerPort = FreePorts.next();
        var env = Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_BROKER_PORT", Integer.toString(brokerPort),
                "SWITCHBOARD_ADMIN_EMAIL", ADMIN_EMAIL, "SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        legacy = new LegacySender("tcp://127.0.0.1:" + brokerPort, "support", ledger);
        for (int i = 0; i < VISITORS; i++) {
            visitors.add(new Visitor(i));
        }

        var trouble = new ArrayList<String>();
        for (int round = 1; round <= KILLS + 2; round++) {
            int start = round;
            try (var node = SwitchboardProcess.launch("crash-" + round, env).awaitReady(START)) {
                reconnectAndCatchUp(node, round);
                if (round <= KILLS) {
                    assertTrue(node.executable().endsWith("java"), "the process killed is the JVM itself: "
                            + node.executable());
                    writeUntilEnded(node, "killed", node::kill);
                } else if (round == KILLS + 1) {
                    // An operator's restart: the node stops (SIGTERM) while visitors write; what it logs meanwhile
                    // is checked like the rest, and the next round finds every acknowledged message.
                    writeUntilEnded(node, "stopped", () -> node.stop(Duration.ofSeconds(90)));
                } else {
                    // The visitors leave and the node stops at once: the work their leaving starts meets the stop.
                    visitors.forEach(Visitor::disconnect);
                    node.stop(Duration.ofSeconds(90));
                }
                NodeLog.problems(node.output()).forEach(line -> trouble.add("start " + start + ": " + line));
            } finally {
                visitors.forEach(Visitor::disconnect);
            }
        }
        assertTrue(trouble.isEmpty(), () -> "the node logged trouble:\n" + String.join("\n", trouble));
        assertFalse(retried.containsKey("internal"), () -> "a send refused as a failure of our own while the node "
                + "was killed or stopped: " + retried);
    }

    /**
     * Every visitor back with its token, what it never had acknowledged sent again, then its conversations replayed
     * from seq 0 and held against the ledger.
     */
    private void reconnectAndCatchUp(SwitchboardProcess node, int round) throws Exception {
        ended = false;
        for (var visitor : visitors) {
            visitor.connect(node);
        }
        if (round == 1) {
            return;
        }
        for (var visitor : visitors) {
            for (var clientId : visitor.unacknowledged()) {
                assertTrue(visitor.deliver(clientId), () -> "no answer to the resend of " + clientId);
            }
        }
        legacy.resendUnacknowledged();
        var written = new ArrayList<Map.Entry<String, String>>();
        for (var visitor : visitors) {
            written.addAll(visitor.replay());
        }
        // The broker's acknowledged messages are stored as the node takes them from the queue: wait for the last.
        DeliveryLedger.Verdict verdict;
        var admin = node.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            var stored = new ArrayList<>(written);
            stored.addAll(legacyMessages(node, admin));
            verdict = ledger.check(stored);
        } while (verdict.lost().stream().anyMatch(key -> key.startsWith("x-")) && System.nanoTime() < deadline
                && sleep(Duration.ofSeconds(1)));
        var checked = verdict;
        System.out.println("CrashRecoveryIT before round " + round + ": " + checked);
        assertTrue(failures.isEmpty(), () -> "before the restart of round " + round + ": " + failures);
        assertTrue(checked.clean(), () -> "before round " + round + ": " + checked);
        assertEquals(checked.acknowledged(), checked.stored(), "every message sent was acknowledged by now");
    }

    /**
     * The legacy system's messages as stored, externalId → conversation#seq: every conversation of the JMS channel
     * replayed from seq 0 on an admin's socket.
     */
    private static List<Map.Entry<String, String>> legacyMessages(SwitchboardProcess node, String token)
            throws Exception {
        var list = Http.get(node.appUrl() + "/api/agent/conversations?channel=JMS&size=100", token);
        assertEquals(200, list.statusCode(), list.body());
        var items = Json.createReader(new StringReader(list.body())).readObject().getJsonArray("items");
        var stored = new ArrayList<Map.Entry<String, String>>();
        try (var admin = SocketClient.connect(node.wsUrl() + "/ws/agent?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
            admin.next("welcome", ANSWER);
            for (var item : items.getValuesAs(JsonObject.class)) {
                long conversation = item.getJsonNumber("id").longValue();
                admin.send(Json.createObjectBuilder().add("type", "resume").add("conversationId", conversation)
                        .add("afterSeq", 0).build());
                for (var frame = admin.next(ANSWER); !(frame.getString("type", "").equals("resumed")
                        && frame.getJsonNumber("conversationId").longValue() == conversation);
                     frame = admin.next(ANSWER)) {
                    if (frame.getString("type", "").equals("message.created") && frame.getBoolean("replay", false)
                            && frame.getString("text", "").startsWith("jms ")) {
                        stored.add(Map.entry(frame.getString("text").substring(4),
                                conversation + "#" + frame.getJsonNumber("seq").longValue()));
                    }
                }
            }
        }
        return stored;
    }

    private static boolean sleep(Duration pause) throws InterruptedException {
        Thread.sleep(pause.toMillis());
        return true;
    }

    private interface Ending {
        void end() throws Exception;
    }

    private void writeUntilEnded(SwitchboardProcess node, String how, Ending ending) throws Exception {
        int before = ledger.acknowledgedCount();
        var writers = new ArrayList<Thread>();
        for (var visitor : visitors) {
            var writer = new Thread(visitor::writeUntilEnded, "visitor-" + visitor.index);
            writer.start();
            writers.add(writer);
        }
        var sender = new Thread(() -> legacy.sendWhile(() -> !ended, PACE), "legacy-system");
        sender.start();
        writers.add(sender);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ledger.acknowledgedCount() - before < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline
                && failures.isEmpty()) {
            Thread.sleep(50);
        }
        ending.end();
        Thread.sleep(500); // what was on its way to the sockets arrives or is gone
        ended = true;
        for (var writer : writers) {
            // A send to the broker that died waits for its call's timeout before it fails.
            writer.join(Duration.ofSeconds(60).toMillis());
        }
        assertTrue(failures.isEmpty(), () -> "while writing: " + failures);
        System.out.println("CrashRecoveryIT " + how + " with " + ledger.unacknowledged().size()
                + " messages unanswered; sent again after an error on the node's side so far: " + retried);
        assertTrue(ledger.acknowledgedCount() - before >= ACKNOWLEDGED_BEFORE_KILL,
                () -> "only " + (ledger.acknowledgedCount() - before) + " messages acknowledged in a minute");
    }

    /** One visitor: its token, its socket, and the client ids of what it wrote. */
    private final class Visitor {
        final int index;
        final Set<Long> conversations = new LinkedHashSet<>();
        final List<String> sent = new ArrayList<>();
        String token;
        SocketClient socket;

        Visitor(int index) {
            this.index = index;
        }

        void connect(SwitchboardProcess node) throws InterruptedException {
            var url = node.wsUrl() + "/ws/visitor?inbox=support"
                    + (token == null ? "" : "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            socket = SocketClient.connect(url);
            var welcome = socket.next("welcome", ANSWER);
            if (token != null) {
                assertEquals(token, welcome.getString("visitorToken"),
                        "visitor " + index + " is known after the crash");
            }
            token = welcome.getString("visitorToken");
            var current = welcome.getJsonObject("conversation");
            if (current != null) {
                conversations.add(current.getJsonNumber("conversationId").longValue());
            }
        }

        void disconnect() {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }

        List<String> unacknowledged() {
            var pending = ledger.unacknowledged();
            return sent.stream().filter(pending::contains).toList();
        }

        void writeUntilEnded() {
            try {
                while (!ended) {
                    var clientId = "v%02d-%05d".formatted(index, sent.size() + 1);
                    sent.add(clientId);
                    ledger.sent(clientId);
                    if (!deliver(clientId)) {
                        return;
                    }
                    Thread.sleep(PACE.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                drain();
            }
        }

        /**
         * Sends the message until it is accepted, as the widget does: an {@code internal} or
         * {@code server.unavailable} error means "retry" and gets the same clientId again. False when the node was
         * killed or stopped first.
         */
        boolean deliver(String clientId) throws InterruptedException {
            while (!ended) {
                try {
                    socket.send(Json.createObjectBuilder().add("type", "message.send")
                            .add("text", "message " + clientId).add("clientId", clientId).build());
                } catch (RuntimeException socketGone) {
                    return false;
                }
                var answer = awaitAnswer(clientId);
                if (answer != Answer.RETRY) {
                    return answer == Answer.ACCEPTED;
                }
                Thread.sleep(PACE.toMillis());
            }
            return false;
        }

        private Answer awaitAnswer(String clientId) throws InterruptedException {
            long deadline = System.nanoTime() + ANSWER.toNanos();
            while (!ended) {
                var frame = socket.poll(Duration.ofMillis(100));
                var answer = frame == null ? Answer.NONE : answer(frame, clientId);
                if (answer != Answer.NONE) {
                    return answer;
                }
                if (System.nanoTime() > deadline) {
                    failures.add("visitor " + index + ": no answer to " + clientId + " within " + ANSWER);
                    return Answer.NONE;
                }
            }
            return Answer.NONE;
        }

        /** Records an acknowledgement; other frames (its own message.created, statuses) are passed over. */
        private Answer answer(JsonObject frame, String awaited) {
            switch (frame.getString("type", "")) {
                case "message.accepted" -> {
                    long conversation = frame.getJsonNumber("conversationId").longValue();
                    conversations.add(conversation);
                    var clientId = frame.getString("clientId");
                    ledger.acknowledged(clientId, conversation + "#" + frame.getJsonNumber("seq").longValue());
                    return clientId.equals(awaited) ? Answer.ACCEPTED : Answer.NONE;
                }
                case "error" -> {
                    var code = frame.getString("code", "");
                    if (code.equals("internal") || code.equals("server.unavailable")) {
                        retried.computeIfAbsent(code, any -> new AtomicInteger()).incrementAndGet();
                        return Answer.RETRY;
                    }
                    failures.add("visitor " + index + ": " + frame);
                }
                default -> { }
            }
            return Answer.NONE;
        }

        /** The acknowledgements that reached the socket before the node died count as given. */
        private void drain() {
            JsonObject frame;
            try {
                while ((frame = socket.poll(Duration.ZERO)) != null) {
                    answer(frame, "");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The visitor's messages in its conversations from seq 0, as clientId → where it is stored. */
        List<Map.Entry<String, String>> replay() throws InterruptedException {
            var stored = new ArrayList<Map.Entry<String, String>>();
            for (long conversation : conversations) {
                socket.send(Json.createObjectBuilder().add("type", "resume").add("conversationId", conversation)
                        .add("afterSeq", 0).build());
                while (true) {
                    var frame = socket.next(ANSWER);
                    var type = frame.getString("type", "");
                    if (type.equals("resumed") && frame.getJsonNumber("conversationId").longValue() == conversation) {
                        break;
                    }
                    if (type.equals("error")) {
                        throw new AssertionError("visitor " + index + " could not resume " + conversation + ": "
                                + frame);
                    }
                    if (type.equals("message.created") && frame.getBoolean("replay", false)
                            && frame.containsKey("clientId")) {
                        stored.add(Map.entry(frame.getString("clientId"),
                                conversation + "#" + frame.getJsonNumber("seq").longValue()));
                    }
                }
            }
            return stored;
        }
    }
}
