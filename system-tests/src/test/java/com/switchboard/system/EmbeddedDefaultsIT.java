package com.switchboard.system;

import static com.switchboard.system.FirstPathIT.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.Directories;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.ListeningSockets;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.SwitchboardProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A newcomer's first run: the README's run command with nothing configured uses H2 in the data folder and the
 * embedded broker, prints where to go and the first admin's password, opens no port but HTTP to other machines,
 * and a restart keeps everything.
 */
@ResourceLock(Lanes.OWN_NODES)
class EmbeddedDefaultsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern FIRST_ADMIN = Pattern.compile("created admin (\\S+) with password (\\S+)");

    @Test
    void theRunCommandStartsOnEmbeddedDefaultsAndARestartKeepsTheData() throws Exception {
        var dataDir = Path.of(System.getProperty("it.work", "target/it-work"), "embedded-data").toAbsolutePath();
        Directories.recreate(dataDir);
        // Only the ports move away from their defaults, so that this test never collides with a running copy.
        var env = Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_BROKER_PORT", Integer.toString(FreePorts.next()));

        String email;
        String password;
        String visitorToken;
        long conversation;
        try (var first = SwitchboardProcess.runScript("embedded-first", env)) {
            readinessNeverAheadOfTheApplication(first);
            first.awaitReady(Duration.ofMinutes(5));
            var output = String.join("\n", first.output());
            assertTrue(output.contains("Visitor chat:   http://localhost:" + first.httpPort + "/switchboard/visitor.html"), output);
            assertTrue(output.contains("Agent console:  http://localhost:" + first.httpPort + "/switchboard/agent.html"), output);
            assertTrue(output.contains("Admin console:  http://localhost:" + first.httpPort + "/switchboard/admin/"), output);
            var admin = FIRST_ADMIN.matcher(output);
            assertTrue(admin.find(), "the first admin's credentials are printed on the first start");
            email = admin.group(1);
            password = admin.group(2);

            // Clustering is off by default: only the HTTP port is open to other machines; no data grid port.
            var reachable = ListeningSockets.beyondLoopback(first.pid());
            assertEquals(List.of(first.httpPort), reachable.stream().map(InetSocketAddress::getPort).toList(),
                    "listening beyond loopback: " + reachable);

            var health = Http.get(first.baseUrl() + "/health/ready").body();
            assertTrue(health.contains("H2"), health);
            assertTrue(Files.isDirectory(dataDir.resolve("broker").resolve("journal")), "the broker journal lives in the data folder");

            try (var agent = first.agentSocket(email, password);
                 var visitor = SocketClient.connect(first.wsUrl() + "/ws/visitor?inbox=support")) {
                visitorToken = visitor.next("welcome", WAIT).getString("visitorToken");
                conversation = visitor.send(say("kept across restarts")).next("message.accepted", WAIT)
                        .getJsonNumber("conversationId").longValue();
                assertEquals("kept across restarts", agent.next("message.created", WAIT).getString("text"));

                // The admin goes online and gets the offer (30 s to answer), then the application stops.
                var token = first.signIn(email, password);
                Http.send("PUT", first.appUrl() + "/api/agent/me/presence", token, "{\"presence\":\"ONLINE\"}");
                assertEquals(conversation, agent.next("offer.created", WAIT).getJsonNumber("conversationId")
                        .longValue());
            }
            first.stop(Duration.ofSeconds(90));
        }

        try (var second = SwitchboardProcess.runScript("embedded-second", env).awaitReady(Duration.ofMinutes(5))) {
            assertFalse(String.join("\n", second.output()).contains("First start"), "no second first admin");
            try (var agent = second.agentSocket(email, password);
                 var visitor = SocketClient.connect(second.wsUrl() + "/ws/visitor?inbox=support&token="
                         + URLEncoder.encode(visitorToken, StandardCharsets.UTF_8))) {
                assertEquals(visitorToken, visitor.next("welcome", WAIT).getString("visitorToken"));
                var accepted = visitor.send(say("after the restart")).next("message.accepted", WAIT);
                assertEquals(2, accepted.getJsonNumber("seq").longValue(), "the conversation survived the restart");
                assertEquals(2, agent.next("message.created", WAIT).getJsonNumber("seq").longValue());

                // The offer pending at the stop was re-armed at start-up: it expires on time and is recorded so.
                var token = second.signIn(email, password);
                var routing = second.appUrl() + "/api/agent/conversations/" + conversation + "/routing";
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                String decisions;
                do {
                    Thread.sleep(500);
                    decisions = Http.send("GET", routing, token, null).body();
                } while (!decisions.contains("\"EXPIRED\"") && System.nanoTime() < deadline);
                assertTrue(decisions.contains("\"outcome\":\"EXPIRED\""), decisions);
            }
            second.stop(Duration.ofSeconds(90));
        }
    }

    /**
     * While the node starts, readiness answers UP only once the application serves: a balancer must not send
     * visitors to a node whose HTTP port is open while the application is still deploying.
     */
    private static void readinessNeverAheadOfTheApplication(SwitchboardProcess node) throws Exception {
        int notYet = 0;
        while (!node.startedOrFailed()) {
            int readiness = status(node.baseUrl() + "/health/ready");
            if (readiness == 200) {
                assertEquals(200, status(node.appUrl() + "/visitor.html"), "ready before the application serves");
                var api = Http.get(node.appUrl() + "/api/visitor/inboxes/no-such-inbox");
                assertEquals(404, api.statusCode(), "ready before the API serves");
                assertTrue(api.body().contains("\"inbox.unknown\""), () -> "ready before the API serves: "
                        + api.body());
            } else {
                notYet++;
            }
            Thread.sleep(100);
        }
        assertTrue(notYet > 0, "readiness was asked while the node started");
    }

    /** The answer's status, or -1 while nothing listens yet. */
    private static int status(String url) throws InterruptedException {
        try {
            return Http.get(url).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
