package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.Directories;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.NodeLog;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.SwitchboardProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Sockets silent longer than the idle timeout are closed by the node, and the close does what a visitor leaving
 * does (the agents see them go offline), while sockets that ping stay open. The idle timers run on an executor of
 * the application's own (IdleTimers), not on the server's managed one: the node says nothing of keeping that one.
 */
@ResourceLock(Lanes.OWN_NODES)
class SocketIdleTimeoutIT {

    private static final String ADMIN_EMAIL = "admin@example.com";
    private static final String ADMIN_PASSWORD = "idle-admin-secret";
    private static final Duration IDLE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void silentSocketsAreClosedAsVisitorsWhoLeaveAndPingingOnesStay() throws Exception {
        var data = Path.of(System.getProperty("it.work", "target/it-work"), "idle-data").toAbsolutePath();
        Directories.recreate(data);
        try (var node = SwitchboardProcess.launch("idle", Map.of("SWITCHBOARD_DATA_DIR", data.toString(),
                "SWITCHBOARD_BROKER_PORT", Integer.toString(FreePorts.next()),
                "SWITCHBOARD_ADMIN_EMAIL", ADMIN_EMAIL, "SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "SWITCHBOARD_WEBSOCKET_IDLE_TIMEOUT", IDLE.toString())).awaitReady(Duration.ofMinutes(4));
             var agent = node.agentSocket(ADMIN_EMAIL, ADMIN_PASSWORD);
             var silent = SocketClient.connect(node.wsUrl() + "/ws/visitor?inbox=support");
             var pinging = SocketClient.connect(node.wsUrl() + "/ws/visitor?inbox=support")) {
            silent.next("welcome", WAIT);
            pinging.next("welcome", WAIT);
            long conversation = silent.send(frame("message.send").add("text", "Anyone there?").add("clientId", "s1")
                    .build()).next("message.accepted", WAIT).getJsonNumber("conversationId").longValue();
            pinging.send(frame("message.send").add("text", "Still here").add("clientId", "p1").build())
                    .next("message.accepted", WAIT);

            // The agent and the second visitor ping more often than the timeout; the first visitor says nothing.
            long deadline = System.nanoTime() + WAIT.toNanos();
            JsonObject offline = null;
            while (offline == null && System.nanoTime() < deadline) {
                agent.send(frame("ping").build());
                pinging.send(frame("ping").build());
                for (var event = agent.poll(Duration.ofMillis(500)); event != null && offline == null;
                        event = agent.poll(Duration.ofMillis(1))) {
                    if (isOffline(event, conversation)) {
                        offline = event;
                    }
                }
            }
            assertTrue(offline != null, "the agent saw the silent visitor go offline");
            // Tyrus closes it as CLOSED_ABNORMALLY, which the client may report as an error rather than a code.
            for (long until = System.nanoTime() + WAIT.toNanos(); !silent.isClosed() && System.nanoTime() < until;) {
                Thread.sleep(100);
            }
            assertTrue(silent.isClosed(), "the silent socket was closed");
            assertFalse(pinging.isClosed(), "a socket that pings stays open");
            assertEquals("pong", pinging.send(frame("ping").build()).next("pong", WAIT).getString("type"));

            assertTrue(node.output().stream().noneMatch(line -> line.contains("idle timers stay")),
                    "the idle timers run on the application's executor");
            NodeLog.assertClean(node.output());
        }
    }

    private static boolean isOffline(JsonObject event, long conversation) {
        return "visitor.presence".equals(event.getString("type", "")) && !event.getBoolean("online", true)
                && event.getJsonNumber("conversationId").longValue() == conversation;
    }

    private static jakarta.json.JsonObjectBuilder frame(String type) {
        return Json.createObjectBuilder().add("type", type);
    }
}
