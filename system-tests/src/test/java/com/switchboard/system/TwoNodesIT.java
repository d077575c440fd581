package com.switchboard.system;

import static com.switchboard.system.FirstPathIT.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.DataGridClient;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.ListeningSockets;
import com.switchboard.system.support.MariaDb;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.SwitchboardProcess;
import com.switchboard.system.support.TestBroker;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Two Switchboard nodes on one MariaDB database and one Artemis broker, routing at once: every node's consumers
 * take routing requests off the shared queue, visitors write through both, and still no conversation gets two
 * offers and the agent never gets more than their capacity. They run clustered, as documented for several nodes:
 * their data grid forms on the configured address and name, and a stranger's client is not let in.
 */
@ResourceLock(Lanes.OWN_NODES)
class TwoNodesIT {

    private static final String DATABASE = "switchboard_cluster";
    private static final String ADMIN_EMAIL = "admin@example.com";
    private static final String ADMIN_PASSWORD = "cluster-admin-secret";
    private static final int CAPACITY = 5;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLUSTER_NAME = "switchboard-two-nodes-it";
    /** The data grid's first port; the second node takes the next one. */
    private static final int GRID_PORT = FreePorts.nextRun(3);

    @Test
    void twoNodesRoutingTheSameQueueNeverDoubleOfferNorExceedCapacity() throws Exception {
        MariaDb.recreate(DATABASE);
        var work = Path.of(System.getProperty("it.work", "target/it-work")).toAbsolutePath();
        try (var broker = TestBroker.start("switchboard-cluster-it", work.resolve("cluster-broker"));
             var a = SwitchboardProcess.launch("node-a", environment(broker));
             var b = SwitchboardProcess.launch("node-b", environment(broker))) {
            a.awaitReady(Duration.ofMinutes(4));
            b.awaitReady(Duration.ofMinutes(4));
            assertEquals(2L, single("SELECT COUNT(*) FROM cluster_node"), "both nodes beat");
            assertEquals(8, broker.routingConsumers(), "four routing sessions on each node");
            theDataGridFormsOnLoopbackAndLetsNoStrangerIn(a, b);

            var token = a.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
            var online = Http.send("PUT", a.appUrl() + "/api/agent/me/presence", token, "{\"presence\":\"ONLINE\"}");
            assertEquals(200, online.statusCode(), online.body());
            postAtOnceThroughBothNodes(List.of(a, b), 12);

            awaitPendingOffers(CAPACITY);
            Thread.sleep(2000);
            assertEquals(CAPACITY, single("SELECT COUNT(*) FROM offer WHERE status = 'PENDING'"),
                    "never more than the admin's capacity");
            assertEquals(0L, single("SELECT COUNT(*) FROM (SELECT conversation_id FROM offer WHERE status = "
                    + "'PENDING' GROUP BY conversation_id HAVING COUNT(*) > 1) doubles"), "one offer per conversation");

            // A rejection on the other node frees a place, which the queue's next conversation takes.
            long rejected = single("SELECT MIN(id) FROM offer WHERE status = 'PENDING'");
            var reject = Http.send("POST", b.appUrl() + "/api/agent/offers/" + rejected + "/reject",
                    b.signIn(ADMIN_EMAIL, ADMIN_PASSWORD), null);
            assertEquals(204, reject.statusCode(), reject.body());
            awaitPendingOffers(CAPACITY);
            assertEquals(1L, single("SELECT COUNT(*) FROM offer WHERE status = 'REJECTED'"));

            aVisitorWithATabOnEachNodeLeavesOnlyWithTheLastOne(a, b);
            aTabWaitingOnOneNodeFollowsTheChatItsVisitorStartsOnTheOther(a, b);
            aBlockOnOneNodeKeepsTheVisitorOutOfTheOtherUntilLifted(a, b);
            aSignOutOnOneNodeEndsTheAgentsTokensOnTheOther(a, b);
            failedSignInsOnOneNodeLockTheAccountOnTheOther(a, b);
        }
    }

    /** A token is good on every node until revoked on any: the other node refuses it and closes its socket. */
    private static void aSignOutOnOneNodeEndsTheAgentsTokensOnTheOther(SwitchboardProcess a, SwitchboardProcess b)
            throws Exception {
        var email = newAgent(a, "Signed Out");
        var onA = a.signIn(email, "two nodes, one password");
        var onB = b.signIn(email, "two nodes, one password");
        assertEquals(200, Http.get(a.appUrl() + "/api/agent/me", onB).statusCode(), "B's token works on A");
        try (var socket = SocketClient.connect(a.wsUrl() + "/ws/agent?token="
                + URLEncoder.encode(onA, StandardCharsets.UTF_8))) {
            socket.next("welcome", WAIT);
            var signedOut = Http.send("DELETE", b.appUrl() + "/api/agent/sessions", onB, null);
            assertEquals(204, signedOut.statusCode(), signedOut.body());
            assertEquals("auth.revoked", socket.next("error", WAIT).getString("code"), "A's socket is closed");
        }
        for (var token : List.of(onA, onB)) {
            var refused = Http.get(a.appUrl() + "/api/agent/me", token);
            assertEquals(401, refused.statusCode(), "node A refuses a token revoked on B: " + refused.body());
        }
    }

    /** Failures are counted in the database: guesses spread over both nodes lock the account on both. */
    private static void failedSignInsOnOneNodeLockTheAccountOnTheOther(SwitchboardProcess a, SwitchboardProcess b)
            throws Exception {
        var email = newAgent(a, "Guessed Twice");
        for (int i = 0; i < 5; i++) {
            var node = i % 2 == 0 ? a : b;
            var wrong = Http.postForm(node.appUrl() + "/api/agent/sessions",
                    Map.of("email", email, "password", "guess " + i));
            assertEquals(403, wrong.statusCode(), wrong.body());
        }
        for (var node : List.of(a, b)) {
            var locked = Http.postForm(node.appUrl() + "/api/agent/sessions",
                    Map.of("email", email, "password", "two nodes, one password"));
            assertEquals(429, locked.statusCode(), locked.body());
            assertTrue(locked.body().contains("agent.sign-in-locked"), locked.body());
        }
    }

    /** A new agent (no admin rights) made through the node; returns the e-mail address. */
    private static String newAgent(SwitchboardProcess node, String name) throws Exception {
        var email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + "." + System.nanoTime()
                + "@example.com";
        var created = Http.send("POST", node.appUrl() + "/api/agent/agents", node.signIn(ADMIN_EMAIL, ADMIN_PASSWORD),
                Json.createObjectBuilder().add("email", email).add("name", name)
                        .add("password", "two nodes, one password").add("roles", Json.createArrayBuilder()
                                .add("AGENT")).build().toString());
        assertEquals(201, created.statusCode(), created.body());
        return email;
    }

    /**
     * The grid listens on the configured address only, and a Hazelcast client gets in only with the cluster name:
     * not with Payara's default name, nor a wrong one. That it does get in with the right name shows the grid is
     * there and answering (so the refusals are not a closed port), and is the limit of Hazelcast's open-source
     * edition: it has no member or client authentication (docs/OPERATIONS.md).
     */
    private static void theDataGridFormsOnLoopbackAndLetsNoStrangerIn(SwitchboardProcess a, SwitchboardProcess b)
            throws Exception {
        for (var node : List.of(a, b)) {
            var reachable = ListeningSockets.beyondLoopback(node.pid());
            assertEquals(List.of(node.httpPort), reachable.stream().map(InetSocketAddress::getPort).toList(),
                    "listening beyond loopback: " + reachable);
        }
        var grid = List.of("127.0.0.1:" + GRID_PORT, "127.0.0.1:" + (GRID_PORT + 1));
        assertEquals(-1, DataGridClient.members("development", grid), "Payara's default cluster name is refused");
        assertEquals(-1, DataGridClient.members(CLUSTER_NAME + "-guess", grid), "a wrong cluster name is refused");
        assertEquals(2, DataGridClient.members(CLUSTER_NAME, grid), "both nodes are in one grid");
    }

    /**
     * Each node keeps the blocks in force; one made or lifted through the other node reaches it through the
     * events topic: within seconds, long before the minute after which it would read them again anyway.
     */
    private static void aBlockOnOneNodeKeepsTheVisitorOutOfTheOtherUntilLifted(SwitchboardProcess a,
                                                                              SwitchboardProcess b) throws Exception {
        var admin = a.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String token;
        long blockId;
        try (var onB = SocketClient.connect(b.wsUrl() + "/ws/visitor?inbox=support")) {
            token = onB.next("welcome", WAIT).getString("visitorToken");
            onB.send(say("node B has read the blocks now")).next("message.accepted", WAIT);
            long visitorId = single("SELECT id FROM visitor WHERE token = '" + token + "'");
            var created = Http.send("POST", a.appUrl() + "/api/agent/visitors/" + visitorId + "/blocks", admin,
                    "{\"reason\":\"abusive language\",\"minutes\":60}");
            assertEquals(201, created.statusCode(), created.body());
            blockId = Json.createReader(new StringReader(created.body())).readObject()
                    .getJsonNumber("blockId").longValue();
            assertEquals("visitor.blocked", onB.next("error", WAIT).getString("code"));
        }
        var visitorUrl = b.wsUrl() + "/ws/visitor?inbox=support&token=" + URLEncoder.encode(token,
                StandardCharsets.UTF_8);
        try (var again = SocketClient.connect(visitorUrl)) {
            assertEquals("visitor.blocked", again.next("error", WAIT).getString("code"), "node B knows the block");
        }

        var lifted = Http.send("DELETE", a.appUrl() + "/api/agent/blocks/" + blockId, admin, null);
        assertEquals(200, lifted.statusCode(), lifted.body());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (var back = SocketClient.connect(visitorUrl)) {
                var first = back.next(WAIT);
                while (!Set.of("welcome", "error").contains(first.getString("type"))) {
                    first = back.next(WAIT);
                }
                if ("welcome".equals(first.getString("type"))) {
                    assertEquals("message.accepted", back.send(say("sorry")).next("message.accepted", WAIT)
                            .getString("type"));
                    return;
                }
                assertEquals("visitor.blocked", first.getString("code"), first.toString());
            }
            assertTrue(System.nanoTime() < deadline, "node B still keeps the visitor out after the lift");
            Thread.sleep(200);
        }
    }

    /**
     * Presence is counted across nodes: a visitor whose tab on one node closes is still there on the other, so the
     * agents are not told they left and a reply waiting for them does not fail; the last tab's close does both.
     */
    private static void aVisitorWithATabOnEachNodeLeavesOnlyWithTheLastOne(SwitchboardProcess a, SwitchboardProcess b)
            throws Exception {
        try (var agent = a.agentSocket(ADMIN_EMAIL, ADMIN_PASSWORD);
             var onA = SocketClient.connect(a.wsUrl() + "/ws/visitor?inbox=support")) {
            var token = onA.next("welcome", WAIT).getString("visitorToken");
            long conversation = onA.send(say("one tab on each node")).next("message.accepted", WAIT)
                    .getJsonNumber("conversationId").longValue();
            long reply = agent.send(Json.createObjectBuilder().add("type", "message.send")
                    .add("conversationId", conversation).add("text", "still with us?").build())
                    .next("message.accepted", WAIT).getJsonNumber("seq").longValue();
            try (var onB = SocketClient.connect(b.wsUrl() + "/ws/visitor?inbox=support&token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
                onB.next("welcome", WAIT);
                assertTrue(presence(agent, conversation), "the tab on node B arrived");

                onA.close();
                assertTrue(presence(agent, conversation), "node B still holds a tab");
                Thread.sleep(1000);
                assertEquals("QUEUED", status(conversation, reply), "not failed while a tab is open");
            }
            assertFalse(presence(agent, conversation), "the last tab closed");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!"FAILED".equals(status(conversation, reply))) {
                assertTrue(System.nanoTime() < deadline, "the reply never failed");
                Thread.sleep(100);
            }
        }
    }

    /**
     * A visitor without a row yet has a tab on each node; they write in the one on node A. The tab on node B, which
     * waited apart, shows their message and the agent's reply at once, without having sent anything itself.
     */
    private static void aTabWaitingOnOneNodeFollowsTheChatItsVisitorStartsOnTheOther(SwitchboardProcess a,
                                                                                     SwitchboardProcess b)
            throws Exception {
        try (var agent = a.agentSocket(ADMIN_EMAIL, ADMIN_PASSWORD);
             var onA = SocketClient.connect(a.wsUrl() + "/ws/visitor?inbox=support")) {
            var token = onA.next("welcome", WAIT).getString("visitorToken");
            try (var onB = SocketClient.connect(b.wsUrl() + "/ws/visitor?inbox=support&token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
                assertFalse(onB.next("welcome", WAIT).containsKey("conversation"), "no row, no conversation yet");
                long conversation = onA.send(say("started in the tab on node A")).next("message.accepted", WAIT)
                        .getJsonNumber("conversationId").longValue();
                var first = onB.next("message.created", WAIT);
                assertEquals(conversation, first.getJsonNumber("conversationId").longValue());
                assertEquals("started in the tab on node A", first.getString("text"));
                agent.send(Json.createObjectBuilder().add("type", "message.send")
                        .add("conversationId", conversation).add("text", "seen on both tabs").build())
                        .next("message.accepted", WAIT);
                var reply = onB.next("message.created", WAIT);
                assertEquals("seen on both tabs", reply.getString("text"), reply::toString);
            }
        }
    }

    /** The next visitor.presence of the conversation on the agent's socket. */
    private static boolean presence(SocketClient agent, long conversation) throws InterruptedException {
        while (true) {
            var signal = agent.next("visitor.presence", WAIT);
            if (signal.getJsonNumber("conversationId").longValue() == conversation) {
                return signal.getBoolean("online");
            }
        }
    }

    private static String status(long conversation, long seq) throws SQLException {
        try (var db = MariaDb.connect(DATABASE); var select = db.prepareStatement(
                "SELECT delivery_status FROM message WHERE conversation_id = ? AND seq = ?")) {
            select.setLong(1, conversation);
            select.setLong(2, seq);
            try (var result = select.executeQuery()) {
                assertTrue(result.next(), "no message " + seq);
                return result.getString(1);
            }
        }
    }

    private static Map<String, String> environment(TestBroker broker) {
        return Map.ofEntries(
                Map.entry("SWITCHBOARD_CLUSTER", "true"),
                Map.entry("SWITCHBOARD_CLUSTER_NAME", CLUSTER_NAME),
                Map.entry("SWITCHBOARD_CLUSTER_INTERFACE", "127.0.0.1"),
                Map.entry("SWITCHBOARD_CLUSTER_PORT", Integer.toString(GRID_PORT)),
                Map.entry("SWITCHBOARD_CLUSTER_MEMBERS", "127.0.0.1"), // the port and the next two
                Map.entry("SWITCHBOARD_DB_URL", MariaDb.jdbcUrl(DATABASE)),
                Map.entry("SWITCHBOARD_DB_USER", MariaDb.APP_USER),
                Map.entry("SWITCHBOARD_DB_PASSWORD", MariaDb.APP_PASSWORD),
                Map.entry("SWITCHBOARD_BROKER_HOST", "127.0.0.1"),
                Map.entry("SWITCHBOARD_BROKER_PORT", Integer.toString(broker.port())),
                Map.entry("SWITCHBOARD_DATA_DIR", "data"),
                Map.entry("SWITCHBOARD_ADMIN_EMAIL", ADMIN_EMAIL),
                Map.entry("SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD));
    }

    /** Visitors connect alternately to each node and all send their first message at the same moment. */
    private static void postAtOnceThroughBothNodes(List<SwitchboardProcess> nodes, int visitors) throws Exception {
        var sockets = new ArrayList<SocketClient>();
        try {
            for (int i = 0; i < visitors; i++) {
                var socket = SocketClient.connect(nodes.get(i % 2).wsUrl() + "/ws/visitor?inbox=support");
                socket.next("welcome", WAIT);
                sockets.add(socket);
            }
            var executor = Executors.newFixedThreadPool(visitors);
            List<Callable<Object>> sends = sockets.stream().<Callable<Object>>map(socket ->
                    () -> socket.send(say("hello from either node")).next("message.accepted", WAIT)).toList();
            for (var result : executor.invokeAll(sends)) {
                result.get();
            }
            executor.shutdown();
        } finally {
            for (var socket : sockets) {
                socket.close();
            }
        }
    }

    private static void awaitPendingOffers(long expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (single("SELECT COUNT(*) FROM offer WHERE status = 'PENDING'") < expected) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting for " + expected + " pending offers");
            Thread.sleep(200);
        }
    }

    private static long single(String sql) throws SQLException {
        try (var db = MariaDb.connect(DATABASE); var result = db.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
