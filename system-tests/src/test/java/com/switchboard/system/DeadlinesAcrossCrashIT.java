package com.switchboard.system;

import static com.switchboard.system.ExternalPartsCrashIT.work;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.EventRecorder;
import com.switchboard.system.support.ExternalArtemis;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.MariaDb;
import com.switchboard.system.support.NodeLog;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.SwitchboardProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Deadlines that come due while the node is dead (SIGKILL) are honoured once it is back, on MariaDB and an
 * external Artemis: an offer that expired meanwhile moves on to the other agent, and an inactivity close that came
 * due meanwhile happens exactly once (one system message, one {@code conversation.closed} event). Inactivity
 * counts from an agent's message the visitor has not answered, so the admin answers the silent visitor first; the
 * first agent, whose console died with the node, is offline when it is back. The inbox
 * settings are the smallest an admin can give: a 5 s reassignment timeout, inactivity after 1 "minute", which
 * SWITCHBOARD_INACTIVITY_UNIT shortens to 10 s here (a setting for tests only) so that it comes due while the node
 * is down without the test waiting a minute.
 */
@ResourceLock(Lanes.BROKEN_PARTS)
class DeadlinesAcrossCrashIT {

    private static final String DATABASE = "switchboard_deadlines";
    private static final String CLOSING = "Closed after a silence";
    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void offersAndInactivityDueWhileTheNodeWasDeadAreHandledOnceAfterItsRestart() throws Exception {
        MariaDb.recreate(DATABASE);
        var trouble = new ArrayList<String>();
        try (var broker = ExternalArtemis.start(work().resolve("deadlines-broker"));
             var events = EventRecorder.subscribe(broker.url(), "deadlines")) {
            long first;
            long second;
            // The first start makes the accounts and the inbox, as an admin would; the inactivity policy of the
            // default inbox is set while the node is stopped (the admin console's form is a browser's job).
            try (var node = launch("deadlines-1", broker)) {
                var admin = node.signIn("admin@example.com", "first-admin-secret");
                first = agent(node, admin, "first");
                second = agent(node, admin, "second");
                var inbox = post(node, admin, "/api/agent/inboxes",
                        "{\"name\":\"deadlines\",\"assignmentMode\":\"AUTO\",\"reassignmentSeconds\":5}")
                        .getJsonNumber("id").longValue();
                for (long agent : new long[] {first, second}) {
                    post(node, admin, "/api/agent/inboxes/" + inbox + "/members",
                            "{\"agentId\":" + agent + ",\"capacity\":1}");
                }
                node.stop(Duration.ofSeconds(90));
                trouble.addAll(NodeLog.problems(node.output()));
            }
            execute("UPDATE inbox SET inactivity_minutes = 1, inactivity_action = 'SEND_MESSAGE_AND_CLOSE', "
                    + "inactivity_message = '" + CLOSING + "' WHERE name = 'support'");

            long routed;
            long silent;
            long offer;
            try (var node = launch("deadlines-2", broker)) {
                var agent = node.agentSocket("first@example.com", "first-agent-secret");
                presence(node, "first", "ONLINE");
                try (var visitor = SocketClient.connect(node.wsUrl() + "/ws/visitor?inbox=deadlines");
                     var quiet = SocketClient.connect(node.wsUrl() + "/ws/visitor?inbox=support");
                     var admin = node.agentSocket("admin@example.com", "first-admin-secret")) {
                    visitor.next("welcome", WAIT);
                    quiet.next("welcome", WAIT);
                    silent = quiet.send(say("I have a question")).next("message.accepted", WAIT)
                            .getJsonNumber("conversationId").longValue();
                    assertNull(single("SELECT inactivity_deadline FROM conversation WHERE id = " + silent),
                            "the visitor waits for an answer: nothing counts as their inactivity");
                    // The admin answers; then the visitor falls silent.
                    admin.send(Json.createObjectBuilder().add("type", "message.send").add("conversationId", silent)
                            .add("text", "Which order is it about?").build()).next("message.accepted", WAIT);
                    routed = visitor.send(say("route me")).next("message.accepted", WAIT)
                            .getJsonNumber("conversationId").longValue();
                    var offered = agent.next("offer.created", WAIT);
                    assertEquals(routed, offered.getJsonNumber("conversationId").longValue());
                    offer = offered.getJsonNumber("offerId").longValue();
                    node.kill();
                }
                agent.close();
                trouble.addAll(NodeLog.problems(node.output()));
            }
            assertEquals("PENDING", single("SELECT status FROM offer WHERE id = " + offer),
                    "the offer was still pending when the node died");
            var inactivityDeadline = single("SELECT inactivity_deadline FROM conversation WHERE id = " + silent);
            assertTrue(inactivityDeadline != null,
                    "the silent conversation's inactivity deadline was pending when the node died");
            // The first agent's console died with the node and does not come back. The restarted node counts them
            // offline only once the dead node has been silent for the liveness and the grace period, after it has
            // dealt with the expired offer, so it is done here. (Still online, they would get the conversation
            // again: one missed offer does not lock out an agent alone on duty.)
            execute("UPDATE agent SET presence = 'OFFLINE' WHERE id = " + first);

            // Down long enough for both deadlines to pass before the node is back (it starts in 20 s or more).
            try (var node = launch("deadlines-3", broker)) {
                assertEquals(1L, count("SELECT COUNT(*) FROM offer WHERE id = " + offer
                        + " AND deadline < CURRENT_TIMESTAMP(6)"), "the offer's deadline passed while it was down");
                assertEquals(1L, count("SELECT '" + inactivityDeadline + "' < CURRENT_TIMESTAMP(6)"),
                        "the inactivity deadline passed while it was down");
                var agent = node.agentSocket("second@example.com", "second-agent-secret");
                presence(node, "second", "ONLINE");
                await("the expired offer moves on to the second agent", () -> count(
                        "SELECT COUNT(*) FROM offer WHERE conversation_id = " + routed + " AND agent_id = " + second)
                        == 1);
                assertEquals("EXPIRED", single("SELECT status FROM offer WHERE id = " + offer));
                var offered = agent.next("offer.created", WAIT);
                assertEquals(routed, offered.getJsonNumber("conversationId").longValue());
                // The second agent takes it (left to expire, it would ring for them again: nobody else is online).
                var accepted = Http.send("POST", node.appUrl() + "/api/agent/offers/"
                        + offered.getJsonNumber("offerId").longValue() + "/accept",
                        node.signIn("second@example.com", "second-agent-secret"), null);
                assertEquals(204, accepted.statusCode(), accepted.body());

                await("the inactivity policy acted", () -> "CLOSED".equals(
                        single("SELECT status FROM conversation WHERE id = " + silent)));
                Thread.sleep(6000); // a sweep and a re-armed timer later: room for it to act twice, if it could
                assertEquals(1L, count("SELECT COUNT(*) FROM message WHERE conversation_id = " + silent
                        + " AND body = '" + CLOSING + "'"), "the inactivity message, once");
                agent.close();
                node.stop(Duration.ofSeconds(90));
                trouble.addAll(NodeLog.problems(node.output()));
            }

            // Every event counted in the database has left the outbox; the subscriber gets them a moment later.
            var expected = new HashMap<Long, Long>();
            for (long conversation : new long[] {routed, silent}) {
                expected.put(conversation, count("SELECT outbound_seq FROM conversation WHERE id = " + conversation));
            }
            await("the outbox is empty", () -> count("SELECT COUNT(*) FROM outbound_event") == 0);
            long deadline = System.nanoTime() + WAIT.toNanos(); // then the assertion below says what is missing
            while (System.nanoTime() < deadline && events.problemsAgainst(expected).stream()
                    .anyMatch(problem -> problem.contains(" arrived 0 times"))) {
                Thread.sleep(250);
            }
            Thread.sleep(2000); // room for a second copy to arrive, if one were on its way
            var types = new HashMap<Long, List<String>>();
            events.withoutResentCopies().forEach(e -> types.computeIfAbsent(
                    e.getJsonNumber("conversationId").longValue(), id -> new ArrayList<>()).add(e.getString("type")));
            assertEquals(1, types.get(silent).stream().filter("conversation.closed"::equals).count(),
                    () -> "closed once: " + types.get(silent));
            assertEquals(2, types.get(routed).stream().filter("offer.created"::equals).count(),
                    () -> "offered to the first agent, then to the second: " + types.get(routed));
            assertEquals(List.of(), events.problemsAgainst(expected),
                    "each event once (but for copies marked as sent again)");
            assertEquals(List.of(), events.outsideTheContract(), "each event as its schema says");
        }
        assertTrue(trouble.isEmpty(), () -> "the node logged trouble:\n" + String.join("\n", trouble));
    }

    private static SwitchboardProcess launch(String name, ExternalArtemis broker) throws Exception {
        var env = new HashMap<>(java.util.Map.of(
                "SWITCHBOARD_DB_URL", MariaDb.jdbcUrl(DATABASE),
                "SWITCHBOARD_DB_USER", MariaDb.APP_USER,
                "SWITCHBOARD_DB_PASSWORD", MariaDb.APP_PASSWORD,
                "SWITCHBOARD_BROKER_HOST", "127.0.0.1",
                "SWITCHBOARD_BROKER_PORT", Integer.toString(broker.port()),
                "SWITCHBOARD_BROKER_USER", ExternalArtemis.APP_USER,
                "SWITCHBOARD_BROKER_PASSWORD", ExternalArtemis.APP_PASSWORD,
                "SWITCHBOARD_DATA_DIR", "data",
                "SWITCHBOARD_ADMIN_EMAIL", "admin@example.com",
                "SWITCHBOARD_ADMIN_PASSWORD", "first-admin-secret"));
        env.put("SWITCHBOARD_INACTIVITY_UNIT", "PT10S");
        return SwitchboardProcess.launch(name, env).awaitReady(START);
    }

    private static long agent(SwitchboardProcess node, String admin, String name) throws Exception {
        return post(node, admin, "/api/agent/agents", """
                {"email":"%s@example.com","name":"%s","password":"%s-agent-secret","roles":["AGENT"]}"""
                .formatted(name, name, name)).getJsonNumber("agentId").longValue();
    }

    private static void presence(SwitchboardProcess node, String name, String presence) throws Exception {
        var token = node.signIn(name + "@example.com", name + "-agent-secret");
        var response = Http.send("PUT", node.appUrl() + "/api/agent/me/presence", token,
                "{\"presence\":\"" + presence + "\"}");
        assertEquals(200, response.statusCode(), response.body());
    }

    private static JsonObject post(SwitchboardProcess node, String token, String path, String body)
            throws Exception {
        var response = Http.send("POST", node.appUrl() + path, token, body);
        assertEquals(201, response.statusCode(), response.body());
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static JsonObject say(String text) {
        return Json.createObjectBuilder().add("type", "message.send").add("text", text).build();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up waiting: " + what);
            }
            Thread.sleep(250);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (var connection = MariaDb.connect(DATABASE); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String single(String sql) {
        try (var connection = MariaDb.connect(DATABASE); var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) {
        var value = single(sql);
        return value == null ? 0 : Long.parseLong(value);
    }
}
