package com.switchboard.system.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.messaging.Destinations;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.MariaDb;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.TestBroker;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The EAR on Payara Server Full 6 (unpacked from Maven Central by the build): a domain of its own on free ports,
 * the Artemis resource adapter configured ({@code create-resource-adapter-config}: where the broker is) and
 * deployed as {@code artemis-rar} first, then {@code switchboard.ear}; the application's own settings (database,
 * first admin) come from environment variables of the server process. MariaDB database {@value #DATABASE}, and a real Artemis
 * broker started by this test. Checks readiness and one JMS round trip (visitor socket → transaction with
 * the RA's outbound send → topic on the test broker → MDB in the WAR → agent socket), then stops the domain.
 */
@ResourceLock(Lanes.OWN_NODES)
class EarOnPayaraServerIT {

    private static final String DOMAIN = "switchboard-ear";
    /** This suite's own database and user: other suites run beside it on the same MariaDB. */
    private static final String DATABASE = "switchboard_ear";
    private static final String DATABASE_USER = "switchboard_ear";
    private static final String DATABASE_PASSWORD = "switchboard-ear";
    private static final String ADMIN_EMAIL = "admin@ear-it.switchboard.test";
    /** Chosen per run, so signing in proves the application took the password from the environment. */
    private static final String ADMIN_PASSWORD = "ear-it-" + UUID.randomUUID();
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);

    private static TestBroker broker;
    private static PayaraServerDomain domain;

    /** Every failure of a test carries the end of the server's log, so that CI output shows why. */
    @RegisterExtension
    static final TestExecutionExceptionHandler SERVER_LOG_ON_FAILURE = (context, failure) -> {
        if (domain == null || String.valueOf(failure.getMessage()).contains(PayaraServerDomain.LOG_MARKER)) {
            throw failure;
        }
        throw new AssertionError(failure.getMessage() + domain.diagnostics(), failure);
    };

    @BeforeAll
    static void deployTheEar() throws Exception {
        var work = Path.of(System.getProperty("it.work", "target/it-work")).toAbsolutePath().resolve("ear");
        var payara = Path.of(required("it.payara.home"));
        var rar = existing("it.rar.file");
        var ear = existing("it.ear.file");
        Files.createDirectories(work);

        MariaDb.recreate(DATABASE, DATABASE_USER, DATABASE_PASSWORD);
        broker = TestBroker.start("switchboard-ear-it", work.resolve("broker"));

        domain = PayaraServerDomain.create(payara, work.resolve("domains"), DOMAIN);
        try {
            var environment = new HashMap<String, String>();
            environment.put("SWITCHBOARD_DB_URL", MariaDb.jdbcUrl(DATABASE));
            environment.put("SWITCHBOARD_DB_USER", DATABASE_USER);
            environment.put("SWITCHBOARD_DB_PASSWORD", DATABASE_PASSWORD);
            environment.put("SWITCHBOARD_DB_DATASOURCE", "com.mysql.cj.jdbc.MysqlDataSource");
            environment.put("SWITCHBOARD_ADMIN_EMAIL", ADMIN_EMAIL);
            environment.put("SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
            domain.start(environment);
            // Where the broker is belongs to the resource adapter: its MDBs and connection factory inherit it.
            domain.configureResourceAdapter(Destinations.RESOURCE_ADAPTER,
                    "ConnectionParameters=" + PayaraServerDomain.escapeProperty(
                            "host=127.0.0.1;port=" + broker.port()));
            domain.deploy(rar, "--name", Destinations.RESOURCE_ADAPTER);
            domain.deploy(ear);
        } catch (Exception | AssertionError e) {
            throw new AssertionError("Setting up Payara Server failed: " + e.getMessage() + domain.diagnostics(), e);
        }
    }

    @AfterAll
    static void stopTheDomain() throws Exception {
        try {
            if (domain != null) {
                domain.close();
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    @Test
    void readinessReportsTheDatabaseAndTheBrokerUp() throws Exception {
        var health = awaitReadiness();

        assertEquals(200, health.statusCode(), () -> "GET /health/ready: " + health.body() + domain.diagnostics());
        var json = parse(health.body());
        assertEquals("UP", json.getString("status"), () -> json + domain.diagnostics());
        var checks = json.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(check -> check.getString("name"), check -> check));
        assertNotNull(checks.get("database"), () -> "no database check in " + json);
        assertNotNull(checks.get("broker"), () -> "no broker check in " + json);
        assertEquals("UP", checks.get("database").getString("status"), json::toString);
        assertTrue(checks.get("database").getJsonObject("data").getString("product").contains("MariaDB"),
                json::toString);
        assertEquals("UP", checks.get("broker").getString("status"), json::toString);
        assertTrue(checks.get("broker").getJsonObject("data").getString("provider").contains("ActiveMQ"),
                json::toString);
        assertTrue(broker.connectionCount() > 0, "the application holds no connection to the test broker");
    }

    @Test
    void aVisitorMessageReachesTheSignedInAgentThroughTheBroker() throws Exception {
        var health = awaitReadiness();
        assertEquals(200, health.statusCode(), () -> "not ready: " + health.body() + domain.diagnostics());

        var signIn = Http.postForm(url("http", "/switchboard/api/agent/sessions"),
                Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        assertEquals(200, signIn.statusCode(), () -> "sign-in: " + signIn.body() + domain.diagnostics());
        var session = parse(signIn.body());
        var token = session.getString("token");
        assertTrue(session.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(role -> role.getString().equals("ADMIN")), session::toString);

        long routedBefore = broker.routedConversationEvents();
        var text = "Hello from the EAR on Payara Server " + UUID.randomUUID();
        try (var agent = SocketClient.connect(url("ws", "/switchboard/ws/agent?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)))) {
            var agentWelcome = agent.next("welcome", FRAME_TIMEOUT);
            assertEquals(session.getJsonNumber("agentId").longValue(),
                    agentWelcome.getJsonNumber("agentId").longValue(), agentWelcome::toString);

            try (var visitor = SocketClient.connect(url("ws", "/switchboard/ws/visitor?inbox=support"))) {
                var visitorWelcome = visitor.next("welcome", FRAME_TIMEOUT);
                assertFalse(visitorWelcome.getString("visitorToken", "").isBlank(), visitorWelcome::toString);

                visitor.send(Json.createObjectBuilder().add("type", "message.send").add("text", text).build());

                var accepted = visitor.next("message.accepted", FRAME_TIMEOUT);
                assertEquals(1, accepted.getJsonNumber("seq").longValue(), accepted::toString);
                long conversationId = accepted.getJsonNumber("conversationId").longValue();

                // The only message of this fresh installation, so the first one the agent gets.
                var created = agent.next("message.created", FRAME_TIMEOUT);
                assertEquals(text, created.getString("text"), created::toString);
                assertEquals(conversationId, created.getJsonNumber("conversationId").longValue(),
                        created::toString);
                assertEquals(1, created.getJsonNumber("seq").longValue(), created::toString);
                assertEquals("VISITOR", created.getString("author"), created::toString);
                assertTrue(created.getJsonNumber("inboxId").longValue() > 0, created::toString);
            }
        }
        assertTrue(broker.routedConversationEvents() > routedBefore,
                "the event did not pass through the test broker's " + Destinations.CONVERSATION_EVENTS);
    }

    @Test
    void theBundledOpenMqBrokerStaysOff() throws Exception {
        var type = domain.remote(Duration.ofMinutes(1), "get", "configs.config.server-config.jms-service.type");
        assertTrue(type.succeeded() && type.output().contains("jms-service.type=DISABLED"), type::toString);
        assertFalse(PayaraServerDomain.listening(domain.openMqPort()),
                "something listens on the domain's JMS port " + domain.openMqPort());
    }

    /** Polls readiness until it is UP with both checks, or the time is up; returns the last answer either way. */
    private static HttpResponse<String> awaitReadiness() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpResponse<String> last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = Http.get(url("http", "/health/ready"));
                lastError = null;
                if (last.statusCode() == 200 && upWithBothChecks(last.body())) {
                    return last;
                }
            } catch (java.io.IOException e) {
                lastError = e;
            }
            Thread.sleep(1000);
        }
        if (last == null) {
            throw new AssertionError("GET /health/ready never answered: " + lastError + domain.diagnostics());
        }
        return last;
    }

    private static boolean upWithBothChecks(String body) {
        try {
            var json = parse(body);
            var up = json.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(check -> "UP".equals(check.getString("status", null)))
                    .map(check -> check.getString("name", ""))
                    .collect(Collectors.toSet());
            return "UP".equals(json.getString("status", null)) && up.contains("database") && up.contains("broker");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String url(String scheme, String path) {
        return scheme + "://127.0.0.1:" + domain.httpPort() + path;
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static String required(String property) {
        var value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set (see system-tests/pom.xml)");
        }
        return value;
    }

    private static Path existing(String property) {
        var path = Path.of(required(property));
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(property + " = " + path + " does not exist; build it first: "
                    + "mvn -DskipTests -pl launcher,ear -am install");
        }
        return path;
    }
}
