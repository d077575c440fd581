package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.messaging.Destinations;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.MariaDb;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import com.switchboard.system.support.SocketClient;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The first end-to-end path through every part of the platform: visitor WebSocket → VisitorMessages and JPA on
 * MariaDB → JMS topic through the Artemis resource adapter → MDB → agent WebSocket; plus health, the Faces
 * status page and the heartbeat timer.
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class FirstPathIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void productionSettingsStartNeitherH2NorTheEmbeddedBroker(Instance switchboard) {
        var output = switchboard.process().output();

        assertTrue(output.contains("  Database:       external"), switchboard.process().tail());
        assertTrue(output.contains("  Broker:         external"), switchboard.process().tail());
        var data = Path.of(System.getProperty("it.work", "target/it-work"), "shared", "data");
        assertFalse(Files.exists(data.resolve("db")), "no H2 database");
        assertFalse(Files.exists(data.resolve("broker")), "no embedded broker journal");
        assertTrue(switchboard.broker().connectionCount() > 0, "the application is connected to the external broker");
    }

    @Test
    void healthReportsMariaDbAndTheBrokerUp(Instance switchboard) throws Exception {
        var response = Http.get(switchboard.process().baseUrl() + "/health/ready");

        assertEquals(200, response.statusCode(), response.body());
        var health = json(response.body());
        assertEquals("UP", health.getString("status"));
        var checks = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
        assertEquals("UP", checks.get("database").getString("status"));
        assertTrue(checks.get("database").getJsonObject("data").getString("product").contains("MariaDB"),
                checks.get("database").toString());
        assertEquals("UP", checks.get("broker").getString("status"));
    }

    @Test
    void visitorMessagesArePushedToTheConnectedAgentOfTheInbox(Instance switchboard) throws Exception {
        try (var agent = agentSocket(switchboard); var visitor = visitorSocket(switchboard, "")) {
            visitor.next("welcome", WAIT);
            var text = "Hello from a visitor " + UUID.randomUUID();

            var accepted = visitor.send(say(text)).next("message.accepted", WAIT);
            var pushed = nextMessageWithText(agent, text);

            assertEquals(1, accepted.getJsonNumber("seq").longValue());
            assertEquals(accepted.getJsonNumber("conversationId"), pushed.getJsonNumber("conversationId"));
            assertEquals(1, pushed.getJsonNumber("seq").longValue());
            assertEquals("VISITOR", pushed.getString("author"));

            var second = visitor.send(say(text + " again")).next("message.accepted", WAIT);
            assertEquals(2, second.getJsonNumber("seq").longValue());
            assertEquals(2, nextMessageWithText(agent, text + " again").getJsonNumber("seq").longValue());
        }
    }

    @Test
    void aReturningVisitorContinuesTheirConversation(Instance switchboard) throws Exception {
        String token;
        JsonObject first;
        try (var visitor = visitorSocket(switchboard, "")) {
            token = visitor.next("welcome", WAIT).getString("visitorToken");
            first = visitor.send(say("before reconnecting")).next("message.accepted", WAIT);
        }
        try (var visitor = visitorSocket(switchboard, token)) {
            assertEquals(token, visitor.next("welcome", WAIT).getString("visitorToken"));
            var again = visitor.send(say("after reconnecting")).next("message.accepted", WAIT);

            assertEquals(first.getJsonNumber("conversationId"), again.getJsonNumber("conversationId"));
            assertEquals(2, again.getJsonNumber("seq").longValue());
        }
    }

    @Test
    void aTooLongMessageIsRefusedAndNothingOfItIsStored(Instance switchboard) throws Exception {
        try (var visitor = visitorSocket(switchboard, "")) {
            visitor.next("welcome", WAIT);
            var marker = UUID.randomUUID().toString();
            var tooLong = marker + "x".repeat(2001 - marker.length());

            var error = visitor.send(say(tooLong)).next("error", WAIT);
            assertEquals("message.too-long", error.getString("code"));
            assertTrue(error.getString("message").contains("2000"), error.getString("message"));
            assertEquals(0, count("SELECT COUNT(*) FROM message WHERE body LIKE ?", marker + "%"));

            // 2000 characters, emoji included, is exactly allowed; and it is this visitor's first stored message.
            var longest = "😀".repeat(1000) + "y".repeat(1000);
            var accepted = visitor.send(say(longest)).next("message.accepted", WAIT);
            assertEquals(1, accepted.getJsonNumber("seq").longValue());
        }
    }

    @Test
    void malformedFramesGetErrorFramesAndTheSocketStaysUsable(Instance switchboard) throws Exception {
        try (var visitor = visitorSocket(switchboard, "")) {
            visitor.next("welcome", WAIT);

            assertEquals("frame.invalid", visitor.sendRaw("not json").next("error", WAIT).getString("code"));
            assertEquals("frame.invalid", visitor.sendRaw("{\"text\":\"no type\"}").next("error", WAIT).getString("code"));
            assertEquals("frame.unknown-type", visitor.sendRaw("{\"type\":\"nonsense\"}").next("error", WAIT)
                    .getString("code"));
            assertEquals("message.empty", visitor.send(say("   ")).next("error", WAIT).getString("code"));

            assertEquals(1, visitor.send(say("still here")).next("message.accepted", WAIT).getJsonNumber("seq")
                    .longValue());
        }
    }

    @Test
    void bothSocketsAnswerHeartbeatsAndRefuseUnknownFrames(Instance switchboard) throws Exception {
        try (var agent = agentSocket(switchboard); var visitor = visitorSocket(switchboard, "")) {
            visitor.next("welcome", WAIT);
            for (var socket : List.of(agent, visitor)) {
                // The admin's socket may get other conversations' events meanwhile: the pong is what counts.
                socket.sendRaw("{\"type\":\"ping\"}").next("pong", WAIT);
                assertEquals("frame.unknown-type", socket.sendRaw("{\"type\":\"dance\"}").next("error", WAIT)
                        .getString("code"));
                assertEquals("frame.invalid", socket.sendRaw("[1, 2]").next("error", WAIT).getString("code"));
            }
        }
    }

    @Test
    void aVisitorSocketForAnUnknownInboxIsRefused(Instance switchboard) throws Exception {
        try (var visitor = SocketClient.connect(switchboard.wsUrl() + "/ws/visitor?inbox=no-such-inbox")) {
            assertEquals("inbox.unknown", visitor.next("error", WAIT).getString("code"));
            assertEquals(1008, visitor.closeCode(WAIT));
        }
    }

    @Test
    void anAgentSocketWithAForgedTokenIsRefused(Instance switchboard) throws Exception {
        try (var agent = SocketClient.connect(switchboard.wsUrl() + "/ws/agent?token=1.9999999999.forged")) {
            assertEquals("agent.unauthenticated", agent.next("error", WAIT).getString("code"));
            assertEquals(1008, agent.closeCode(WAIT));
        }
    }

    @Test
    void signingInWithAWrongPasswordIsForbidden(Instance switchboard) throws Exception {
        var response = Http.postForm(switchboard.appUrl() + "/api/agent/sessions",
                Map.of("email", SharedSwitchboard.ADMIN_EMAIL, "password", "wrong"));

        assertEquals(403, response.statusCode());
        assertEquals("agent.credentials", json(response.body()).getString("code"));
    }

    @Test
    void theAgentApiAnswersOnlyToAValidBearerToken(Instance switchboard) throws Exception {
        var me = switchboard.appUrl() + "/api/agent/me";

        var anonymous = Http.get(me);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("auth.required", json(anonymous.body()).getString("code"));
        var forged = Http.get(me, "1.9999999999.forged");
        assertEquals(401, forged.statusCode(), forged.body());
        assertEquals("auth.invalid-token", json(forged.body()).getString("code"));

        var token = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        var signedIn = Http.get(me, token);
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        var agent = json(signedIn.body());
        assertEquals(SharedSwitchboard.ADMIN_EMAIL, agent.getString("email"));
        assertTrue(agent.getJsonArray("roles").getValuesAs(JsonString.class).stream()
                .anyMatch(role -> role.getString().equals("ADMIN")), agent.toString());
    }

    @Test
    void twoTabsOfOneVisitorSendingAtOnceGetDistinctGapFreeSequenceNumbers(Instance switchboard) throws Exception {
        String token;
        try (var first = visitorSocket(switchboard, "")) {
            token = first.next("welcome", WAIT).getString("visitorToken");
        }
        int perTab = 15;
        var executor = Executors.newFixedThreadPool(2);
        try (var tabA = visitorSocket(switchboard, token); var tabB = visitorSocket(switchboard, token)) {
            tabA.next("welcome", WAIT);
            tabB.next("welcome", WAIT);
            List<Callable<List<JsonObject>>> tabs = List.of(() -> sendAll(tabA, "A", perTab),
                    () -> sendAll(tabB, "B", perTab));
            var results = executor.invokeAll(tabs);
            var accepted = new ArrayList<JsonObject>();
            for (var result : results) {
                accepted.addAll(result.get());
            }

            Set<Long> seqs = accepted.stream().map(a -> a.getJsonNumber("seq").longValue()).collect(Collectors.toSet());
            assertEquals(LongStream.rangeClosed(1, 2 * perTab).boxed().collect(Collectors.toSet()), seqs);
            assertEquals(1, accepted.stream().map(a -> a.getJsonNumber("conversationId").longValue()).distinct().count());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theStatusPageCountsTheInboxMessages(Instance switchboard) throws Exception {
        long before = supportMessagesOnStatusPage(switchboard);
        try (var visitor = visitorSocket(switchboard, "")) {
            visitor.next("welcome", WAIT);
            visitor.send(say("count me")).next("message.accepted", WAIT);
        }
        assertTrue(supportMessagesOnStatusPage(switchboard) >= before + 1);
    }

    @Test
    void theHeartbeatTimerKeepsTheNodeAlive(Instance switchboard) throws Exception {
        var first = lastHeartbeat();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        var latest = first;
        while (!latest.after(first) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            latest = lastHeartbeat();
        }
        assertTrue(latest.after(first), "last_seen stayed at " + first);
    }

    @Test
    void committedMessagesArePublishedOnTheEventsTopicForEveryNode(Instance switchboard) throws Exception {
        var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + switchboard.broker().port());
        try (var jms = factory.createContext(); var visitor = visitorSocket(switchboard, "")) {
            var consumer = jms.createConsumer(jms.createTopic(Destinations.CONVERSATION_EVENTS));
            visitor.next("welcome", WAIT);
            var text = "over the topic " + UUID.randomUUID();
            visitor.send(say(text)).next("message.accepted", WAIT);

            JsonObject event = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (event == null && System.nanoTime() < deadline) {
                var message = consumer.receive(1000);
                if (message instanceof TextMessage body && json(body.getText()).getString("text").equals(text)) {
                    event = json(body.getText());
                }
            }
            assertNotNull(event, "no event for the message on " + Destinations.CONVERSATION_EVENTS);
            assertEquals("message.created", event.getString("type"));
        }
    }

    private static List<JsonObject> sendAll(SocketClient tab, String name, int count) throws InterruptedException {
        var accepted = new ArrayList<JsonObject>();
        for (int i = 0; i < count; i++) {
            accepted.add(tab.send(say(name + i)).next("message.accepted", WAIT));
        }
        return accepted;
    }

    private static long supportMessagesOnStatusPage(Instance switchboard) throws Exception {
        var console = Http.consoleSession(switchboard.appUrl(), SharedSwitchboard.ADMIN_EMAIL,
                SharedSwitchboard.ADMIN_PASSWORD);
        var page = console.send(HttpRequest.newBuilder(URI.create(switchboard.appUrl() + "/admin/status.xhtml"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        var row = Pattern.compile("support\\s*</td>.*?<span class=\"messages\">(\\d+)</span>", Pattern.DOTALL)
                .matcher(page.body());
        assertTrue(row.find(), "no support row on the status page:\n" + page.body());
        return Long.parseLong(row.group(1));
    }

    private static Timestamp lastHeartbeat() throws Exception {
        try (var db = MariaDb.connect(SharedSwitchboard.DATABASE);
             var result = db.createStatement().executeQuery("SELECT MAX(last_seen) FROM cluster_node")) {
            result.next();
            return result.getTimestamp(1);
        }
    }

    private static long count(String sql, String parameter) throws Exception {
        try (var db = MariaDb.connect(SharedSwitchboard.DATABASE); var statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    static JsonObject nextMessageWithText(SocketClient agent, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        var seen = new HashSet<String>();
        while (System.nanoTime() < deadline) {
            var frame = agent.next("message.created", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame.getString("text").equals(text)) {
                return frame;
            }
            seen.add(frame.getString("text"));
        }
        throw new AssertionError("The agent never received '" + text + "'; saw " + seen);
    }

    static SocketClient agentSocket(Instance switchboard) throws Exception {
        return switchboard.process().agentSocket(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
    }

    static SocketClient visitorSocket(Instance switchboard, String token) {
        return SocketClient.connect(switchboard.wsUrl() + "/ws/visitor?inbox=support&token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    static JsonObject say(String text) {
        return Json.createObjectBuilder().add("type", "message.send").add("text", text).build();
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
