package com.switchboard.system;

import static com.switchboard.system.FirstPathIT.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.messaging.Destinations;
import com.switchboard.system.support.Directories;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.NodeLog;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.SwitchboardProcess;
import jakarta.jms.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and careless input on the embedded defaults (H2 and the embedded broker, what a newcomer runs): every
 * way in refuses it with its code and stores nothing, or repairs it, and nothing one client sends blinds the
 * others. A conversation made before the attacks replays unchanged at the end, and the node's log holds no
 * stack trace and no SEVERE line.
 */
class HostileInputIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADMIN_EMAIL = "admin@hostile.example.com";
    private static final String ADMIN_PASSWORD = "hostile-admin-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SwitchboardProcess node;
    private static int brokerPort;
    private static String adminToken;
    private static String baselineToken;
    private static long baselineConversation;
    private static List<String> baselineReplay;

    @BeforeAll
    static void startNodeAndAConversationFromBeforeTheAttacks() throws Exception {
        var dataDir = Path.of(System.getProperty("it.work", "target/it-work"), "hostile-data").toAbsolutePath();
        Directories.recreate(dataDir);
        brokerPort = FreePorts.next();
        node = SwitchboardProcess.launch("hostile", Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_BROKER_PORT", Integer.toString(brokerPort),
                "SWITCHBOARD_ADMIN_EMAIL", ADMIN_EMAIL, "SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD,
                // Low, so that one test reaches them from the machine's own network address (loopback is never
                // limited: it is a local proxy's or a test's).
                "SWITCHBOARD_LIMITS_HANDSHAKES_PER_MINUTE", "12",
                "SWITCHBOARD_LIMITS_NEW_VISITORS_PER_MINUTE", "8",
                "SWITCHBOARD_LIMITS_NEW_CONVERSATIONS_PER_MINUTE", "3",
                // The tests' own requests carry no X-Forwarded-For; those that do act as a proxy on this host.
                "SWITCHBOARD_TRUSTED_PROXIES", "127.0.0.1"));
        node.awaitReady(Duration.ofMinutes(5));
        adminToken = node.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        try (var visitor = visitor(null)) {
            baselineToken = visitor.next("welcome", WAIT).getString("visitorToken");
            baselineConversation = visitor.send(say("before the attacks: Grüße 👋"))
                    .next("message.accepted", WAIT).getJsonNumber("conversationId").longValue();
            visitor.send(say("a second line\nwith a break and a tab\t.")).next("message.accepted", WAIT);
        }
        baselineReplay = replay(baselineToken, baselineConversation);
        assertEquals(2, baselineReplay.size(), "the baseline conversation's entries: " + baselineReplay);
    }

    @AfterAll
    static void theConversationFromBeforeReplaysUnchangedAndTheLogIsClean() throws Exception {
        try {
            assertEquals(baselineReplay, replay(baselineToken, baselineConversation));
            assertEquals(200, Http.get(node.baseUrl() + "/health/ready").statusCode());
            NodeLog.assertClean(node.output());
        } finally {
            node.close();
        }
    }

    // -- text that no socket can carry, or that no chat needs ----------------------------------------------------

    static Stream<Arguments> unpairedSurrogates() {
        return Stream.of(
                Arguments.of("bad \\ud800 char", "bad \uFFFD char"),
                Arguments.of("\\udfff first", "\uFFFD first"),
                Arguments.of("last \\ud83d", "last \uFFFD"),
                Arguments.of("\\ude00\\ud83d reversed", "\uFFFD\uFFFD reversed"),
                Arguments.of("pair \\ud83d\\ude00 then lone \\ud83d", "pair \ud83d\ude00 then lone \uFFFD"));
    }

    @ParameterizedTest
    @MethodSource("unpairedSurrogates")
    void anUnpairedSurrogateIsStoredAsAReplacementAndBlindsNobody(String escaped, String expected) throws Exception {
        try (var agent = node.agentSocket(ADMIN_EMAIL, ADMIN_PASSWORD);
             var bad = visitor(null);
             var other = visitor(null)) {
            var badToken = bad.next("welcome", WAIT).getString("visitorToken");
            other.next("welcome", WAIT);
            var accepted = bad.sendRaw("{\"type\":\"message.send\",\"text\":\"" + escaped + "\"}")
                    .next("message.accepted", WAIT);
            var conversation = accepted.getJsonNumber("conversationId").longValue();
            assertEquals(expected, createdIn(agent, conversation).getString("text"));

            // The node's fan-out goes on: another visitor's message and the bad conversation's next one arrive.
            var otherConversation = other.send(say("still heard")).next("message.accepted", WAIT)
                    .getJsonNumber("conversationId").longValue();
            assertEquals("still heard", createdIn(agent, otherConversation).getString("text"));
            bad.send(say("and after it")).next("message.accepted", WAIT);
            assertEquals("and after it", createdIn(agent, conversation).getString("text"));

            // The conversation replays whole, past the repaired entry.
            assertEquals(List.of(expected, "and after it"), replay(badToken, conversation));
        }
    }

    static Stream<Arguments> controlCharacters() {
        return Stream.of("\\u0000", "\\u0001", "\\u0007", "\\u0008", "\\u000b", "\\u000c", "\\u001b", "\\u001f",
                "\\u007f", "\\u0080", "\\u0085", "\\u009b", "\\u009f").map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("controlCharacters")
    void aControlCharacterInAFrameIsRefusedAndNothingIsStored(String control) throws Exception {
        try (var visitor = visitor(null)) {
            var token = visitor.next("welcome", WAIT).getString("visitorToken");
            var conversation = visitor.send(say("first")).next("message.accepted", WAIT)
                    .getJsonNumber("conversationId").longValue();
            var error = visitor.sendRaw("{\"type\":\"message.send\",\"ref\":\"r1\",\"text\":\"a" + control + "b\"}")
                    .next("error", WAIT);
            assertEquals("text.control-character", error.getString("code"), error.toString());
            assertEquals(List.of("first"), replay(token, conversation));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "\"text\"", "{\"type\":1}", "{\"type\":\"ping\"} {\"type\":\"ping\"}",
            "{\"type\":\"message.send\",\"text\":\"x\\u0000\"}",
            "{\"type\\u0000\":\"ping\"}", "{\"type\":\"message.send\",\"text\":\"x\",\"more\":[[[[\"\\u001b\"]]]]}"})
    void aBrokenFrameGetsAnErrorFrameAndTheSocketStaysUsable(String frame) throws Exception {
        try (var visitor = visitor(null)) {
            visitor.next("welcome", WAIT);
            var error = visitor.sendRaw(frame).next("error", WAIT);
            assertTrue(Stream.of("frame.invalid", "text.control-character").anyMatch(error.getString("code")::equals),
                    error.toString());
            visitor.send(Json.createObjectBuilder().add("type", "ping").build()).next("pong", WAIT);
        }
    }

    @Test
    void aFrameNestedDeeperThanTheParserAllowsIsRefused() throws Exception {
        try (var visitor = visitor(null)) {
            visitor.next("welcome", WAIT);
            var deep = "[".repeat(5_000) + "]".repeat(5_000);
            var error = visitor.sendRaw("{\"type\":\"ping\",\"x\":" + deep + "}").next("error", WAIT);
            assertEquals("frame.invalid", error.getString("code"));
            visitor.send(Json.createObjectBuilder().add("type", "ping").build()).next("pong", WAIT);
        }
    }

    // -- floods from one address -----------------------------------------------------------------------------------

    @Test
    void oneAddressCannotBuryTheRealChatsUnderNewVisitorsConversationsOrSockets() throws Exception {
        var address = networkAddress();
        Assumptions.assumeTrue(address != null, "this machine has a network address besides loopback");
        var url = "ws://" + address + ":" + node.httpPort + "/switchboard/ws/visitor?inbox=support";
        var open = new ArrayList<SocketClient>();
        // The buckets refill while the test runs (a fifth of a handshake a second), hence the ranges below.
        try {
            var tokens = new ArrayList<String>();
            int handshakes = 0;
            JsonObject refused = null;
            while (refused == null && tokens.size() < 10) {
                var visitor = track(open, SocketClient.connect(url));
                handshakes++;
                tokens.add(visitor.next("welcome", WAIT).getString("visitorToken"));
                var answer = visitor.send(say("flood " + tokens.size())).next(WAIT);
                while (!Set.of("message.accepted", "error").contains(answer.getString("type"))) {
                    answer = visitor.next(WAIT);
                }
                refused = "error".equals(answer.getString("type")) ? answer : null;
            }
            assertTrue(refused != null && Set.of(4, 5).contains(tokens.size()),
                    "3 new chats a minute, the next refused: " + tokens.size() + " " + refused);
            assertEquals("rate.limited", refused.getString("code"), refused.toString());
            assertTrue(refused.getJsonNumber("retryAfterMs").longValue() > 0, refused.toString());
            try (var again = visitor(tokens.get(tokens.size() - 1))) {
                assertTrue(!again.next("welcome", WAIT).containsKey("conversation"), "nothing was stored");
            }

            int newVisitors = tokens.size();
            JsonObject first;
            do {
                var visitor = track(open, SocketClient.connect(url));
                handshakes++;
                first = visitor.next(WAIT);
                if ("welcome".equals(first.getString("type"))) {
                    newVisitors++;
                } else {
                    assertEquals(1013, visitor.closeCode(WAIT), "try again later");
                }
            } while ("welcome".equals(first.getString("type")) && newVisitors < 20);
            assertEquals("rate.limited", first.getString("code"), first.toString());
            assertTrue(newVisitors >= 8 && newVisitors <= 9, "8 new visitors a minute: " + newVisitors);

            // Known visitors still come back, up to the handshakes' limit.
            int reconnected = 0;
            do {
                first = track(open, SocketClient.connect(url + "&token="
                        + URLEncoder.encode(tokens.get(0), StandardCharsets.UTF_8))).next(WAIT);
                handshakes++;
                reconnected += "welcome".equals(first.getString("type")) ? 1 : 0;
            } while ("welcome".equals(first.getString("type")) && handshakes < 30);
            assertEquals("rate.limited", first.getString("code"), first.toString());
            assertTrue(reconnected >= 1 && handshakes >= 13 && handshakes <= 15,
                    "12 handshakes a minute: " + handshakes + ", of them " + reconnected + " known visitors");

            // Everyone else is served as before.
            try (var other = visitor(null)) {
                other.next("welcome", WAIT);
                other.send(say("a real customer")).next("message.accepted", WAIT);
            }
        } finally {
            open.forEach(SocketClient::close);
        }
    }

    private static SocketClient track(List<SocketClient> open, SocketClient socket) {
        open.add(socket);
        return socket;
    }

    /** An IPv4 address of this machine other than loopback, or null. */
    private static String networkAddress() throws Exception {
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (var address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()) {
                    return address.getHostAddress();
                }
            }
        }
        return null;
    }

    // -- request bodies of the HTTP API ---------------------------------------------------------------------------

    static Stream<Arguments> brokenBodies() {
        var deep = "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        return Stream.of(
                Arguments.of("malformed", "{\"title\":", 400, "request.not-json"),
                Arguments.of("empty", "", 400, "request.not-json"),
                Arguments.of("blank", "   ", 400, "request.not-json"),
                Arguments.of("an array", "[]", 400, "request.not-json"),
                Arguments.of("a string", "\"x\"", 400, "request.not-json"),
                Arguments.of("a number", "42", 400, "request.not-json"),
                Arguments.of("null", "null", 400, "request.not-json"),
                Arguments.of("two objects", "{}{}", 400, "request.not-json"),
                Arguments.of("deep", deep, 400, "request.not-json"),
                Arguments.of("too large", "{\"text\":\"" + "x".repeat(70 * 1024) + "\"}", 413, "request.too-large"),
                Arguments.of("a NUL in the title", "{\"title\":\"a\\u0000b\",\"text\":\"t\"}", 400,
                        "text.control-character"),
                Arguments.of("a line break in the title", "{\"title\":\"a\\nb\",\"text\":\"t\"}", 400,
                        "text.control-character"),
                Arguments.of("an escape in the text", "{\"title\":\"t\",\"text\":\"a\\u001b[31mred\"}", 400,
                        "text.control-character"),
                Arguments.of("a control in a field name", "{\"ti\\u0007tle\":\"t\",\"text\":\"t\"}", 400,
                        "text.control-character"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenBodies")
    void aBrokenRequestBodyIsRefusedWithItsCodeAndNothingIsStored(String what, String body, int status, String code)
            throws Exception {
        var before = cannedCount();
        var response = Http.send("POST", node.appUrl() + "/api/agent/canned-responses", adminToken, body);
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, json(response.body()).getString("code"), response.body());
        assertEquals(before, cannedCount());
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() throws Exception {
        var before = cannedCount();
        var bytes = new byte[]{'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(node.appUrl() + "/api/agent/canned-responses"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("request.encoding", json(response.body()).getString("code"));
        assertEquals(before, cannedCount());
    }

    @Test
    void anUnpairedSurrogateInARequestBodyIsStoredAsAReplacement() throws Exception {
        var shortcut = "s" + UUID.randomUUID().toString().substring(0, 8);
        var response = Http.send("POST", node.appUrl() + "/api/agent/canned-responses", adminToken,
                "{\"title\":\"half \\ud83d\",\"shortcut\":\"" + shortcut + "\",\"text\":\"\\ude00 other half\"}");
        assertEquals(201, response.statusCode(), response.body());
        var created = json(response.body());
        assertEquals("half \uFFFD", created.getString("title"));
        assertEquals("\uFFFD other half", created.getString("text"));
    }

    static Stream<Arguments> requestsTheApiDoesNotServe() {
        return Stream.of(
                Arguments.of("GET", "/api/application.wadl", 404, "request.not-found"),
                Arguments.of("GET", "/api/application.wadl?detail=true", 404, "request.not-found"),
                Arguments.of("GET", "/api/agent/no-such-thing", 404, "request.not-found"),
                Arguments.of("DELETE", "/api/agent/canned-responses", 405, "request.method-not-allowed"),
                Arguments.of("GET", "/api/agent/conversations/abc", 404, "request.not-found"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/openapi", "/openapi/", "/metrics", "/metrics/base", "/switchboard/api/application.wadl"})
    void theRuntimesOwnEndpointsAreNotPublished(String path) throws Exception {
        var response = Http.get(node.baseUrl() + path);
        assertTrue(response.statusCode() == 403 || response.statusCode() == 404, path + ": " + response.body());
        assertTrue(response.headers().firstValue("Server").isEmpty(), "no version banner");
        assertTrue(!response.body().contains("Payara") && !response.body().contains("6.20"), response.body());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requestsTheApiDoesNotServe")
    void theApiAnswersWhatItDoesNotServeWithACodeAndNamesNoException(String method, String path, int status,
                                                                       String code) throws Exception {
        var response = Http.send(method, node.appUrl() + path, adminToken, null);
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, json(response.body()).getString("code"), response.body());
        assertTrue(!response.body().contains("Exception"), response.body());
    }

    // -- authentication and sessions ------------------------------------------------------------------------------

    @Test
    void guessingAPasswordLocksTheAccountOnTheApiAndTheConsoleFormAlikeEvenForTheRightPassword() throws Exception {
        var email = "guessed." + UUID.randomUUID().toString().substring(0, 8) + "@hostile.example.com";
        var created = Http.send("POST", node.appUrl() + "/api/agent/agents", adminToken, Json.createObjectBuilder()
                .add("email", email).add("name", "Guessed").add("password", "the right password")
                .add("roles", Json.createArrayBuilder().add("SUPERVISOR")).build().toString());
        assertEquals(201, created.statusCode(), created.body());
        for (int i = 0; i < 5; i++) {
            var wrong = Http.postForm(node.appUrl() + "/api/agent/sessions",
                    Map.of("email", email, "password", "guess " + i));
            assertEquals(403, wrong.statusCode(), wrong.body());
            assertEquals("agent.credentials", json(wrong.body()).getString("code"));
        }
        var locked = Http.postForm(node.appUrl() + "/api/agent/sessions",
                Map.of("email", email, "password", "the right password"));
        assertEquals(429, locked.statusCode(), locked.body());
        assertEquals("agent.sign-in-locked", json(locked.body()).getString("code"));
        var retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);

        var form = assertThrows(AssertionError.class,
                () -> Http.consoleSession(node.appUrl(), email, "the right password"));
        assertTrue(form.getMessage().contains("Too many failed sign-ins"), form.getMessage());
    }

    @Test
    void oneAddressGuessingAcrossAccountsIsLockedForAllOfThemBehindATrustedProxyToo() throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var email = "office." + run + "@hostile.example.com";
        var created = Http.send("POST", node.appUrl() + "/api/agent/agents", adminToken, Json.createObjectBuilder()
                .add("email", email).add("name", "Office").add("password", "the office password")
                .add("roles", Json.createArrayBuilder().add("AGENT")).build().toString());
        assertEquals(201, created.statusCode(), created.body());
        for (int i = 0; i < 20; i++) {
            assertEquals(403, signInFrom("203.0.113.77", "nobody" + i + "." + run + "@hostile.example.com",
                    "a guess").statusCode());
        }
        var locked = signInFrom("203.0.113.77", email, "the office password");
        assertEquals(429, locked.statusCode(), locked.body());
        assertEquals("agent.sign-in-locked", json(locked.body()).getString("code"));
        assertEquals(200, signInFrom("203.0.113.78", email, "the office password").statusCode(),
                "another client behind the same proxy is not locked");
    }

    /** A sign-in as a reverse proxy on this host forwards it for {@code client}. */
    private static HttpResponse<String> signInFrom(String client, String email, String password) throws Exception {
        var body = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.appUrl() + "/api/agent/sessions"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBearerTokenNeverOpensTheConsoleWhateverThePathSays() throws Exception {
        for (var path : List.of("/switchboard/api/../admin/dashboard/index.xhtml",
                "/switchboard/api/%2e%2e/admin/dashboard/index.xhtml",
                "/switchboard/api/./../admin/agents/index.xhtml")) {
            var response = rawGet(path, "Authorization: Bearer " + adminToken);
            assertTrue(response.startsWith("HTTP/1.1 302") || response.startsWith("HTTP/1.1 400")
                    || response.startsWith("HTTP/1.1 404"), path + " -> " + response.lines().findFirst().orElse(""));
            assertTrue(!response.contains("Live dashboard") && !response.contains("Agents</h1>"), response);
        }
    }

    @Test
    void withoutAnAllowlistOnlyTheServersOwnPagesOpenItsSockets() throws Exception {
        var own = "http://127.0.0.1:" + node.httpPort;
        try (var panel = SocketClient.connect(node.wsUrl() + "/ws/visitor?inbox=support", own)) {
            panel.next("welcome", WAIT);
        }
        for (var path : List.of("/ws/visitor?inbox=support", "/ws/agent?token=" + adminToken)) {
            try (var foreign = SocketClient.connect(node.wsUrl() + path, "https://evil.example.com")) {
                assertEquals("origin.refused", foreign.next("error", WAIT).getString("code"), path);
                assertEquals(1008, foreign.closeCode(WAIT), path);
            }
        }
    }

    @Test
    void theConsoleAnswersBrokenAddressesWithoutAnErrorPage() throws Exception {
        var console = Http.consoleSession(node.appUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        for (var page : List.of("/admin/conversations/view.xhtml?id=abc", "/admin/conversations/view.xhtml?id=-1",
                "/admin/conversations/view.xhtml", "/admin/agents/edit.xhtml?id=1e9999",
                "/admin/agents/edit.xhtml?id=%00")) {
            var response = console.send(HttpRequest.newBuilder(URI.create(node.appUrl() + page)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(302, response.statusCode(), page + ": " + response.body());
            var location = response.headers().firstValue("Location").orElse("");
            assertTrue(location.matches("/switchboard/admin/(conversations|agents)/index\\.xhtml.*"), location);
        }
        for (var path : List.of("/no-such-page.html", "/no-such-page.xhtml", "/js/nothing.js")) {
            var missing = Http.get(node.appUrl() + path);
            assertEquals(404, missing.statusCode(), path);
            assertTrue(missing.body().contains("Not found") && !missing.body().contains("Payara")
                    && !missing.body().contains("Exception"), missing.body());
        }
    }

    @Test
    void aForgedHostHeaderNeverBecomesARedirectsAddress() throws Exception {
        var response = rawGet("/switchboard/admin/dashboard/index.xhtml", "Host: evil.example.com");
        assertTrue(response.startsWith("HTTP/1.1 302"), response);
        var location = response.lines().filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
                .findFirst().orElseThrow();
        assertTrue(!location.contains("evil"), location);
        assertTrue(location.contains("/switchboard/admin/signin.xhtml"), location);
    }

    @Test
    void pagesSayWhatBrowsersMayDoWithThemAndTheSessionCookieIsSameSite() throws Exception {
        for (var page : List.of("/agent.html", "/admin/signin.xhtml", "/index.html")) {
            var response = Http.get(node.appUrl() + page);
            assertEquals(200, response.statusCode(), page);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), page);
            assertEquals("same-origin", response.headers().firstValue("Referrer-Policy").orElse(null), page);
            var policy = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("object-src 'none'") && policy.contains("frame-ancestors 'self'"), policy);
            assertTrue(response.headers().firstValue("Server").isEmpty(), "no version banner: "
                    + response.headers().firstValue("Server"));
        }
        var panel = Http.get(node.appUrl() + "/visitor.html").headers()
                .firstValue("Content-Security-Policy").orElse("");
        assertTrue(panel.contains("object-src 'none'") && panel.contains("frame-ancestors 'self'")
                && !panel.contains("*"), "without a list, only Switchboard's own pages frame the panel: " + panel);

        var signIn = Http.consoleSignIn(HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build(),
                node.appUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        assertEquals(302, signIn.statusCode(), signIn.body());
        var cookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError(signIn.headers().map()));
        assertTrue(cookie.contains("SameSite=Lax") && cookie.contains("HttpOnly"), cookie);
    }

    // -- the legacy systems' queue ----------------------------------------------------------------------------

    @Test
    void aJmsBodyNestedFiftyThousandDeepIsDeadLetteredAtOnceAsNotJson() throws Exception {
        var batch = UUID.randomUUID().toString();
        var deep = "[".repeat(50_000) + "]".repeat(50_000);
        var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
        try (var connection = factory.createConnection()) {
            var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var consumer = session.createConsumer(session.createQueue(Destinations.INBOUND_DLQ),
                    "batch = '" + batch + "'");
            connection.start();
            var producer = session.createProducer(session.createQueue(Destinations.INBOUND));
            var poison = session.createTextMessage("{\"type\":\"visitor.message\",\"externalId\":\"deep-" + batch
                    + "\",\"x\":" + deep + "}");
            poison.setStringProperty("batch", batch);
            producer.send(poison);
            var dead = consumer.receive(WAIT.toMillis());
            assertTrue(dead != null, "the poison message reaches the dead-letter queue");
            assertEquals("inbound.not-json",
                    dead.getStringProperty(Destinations.REASON_PROPERTY).split(":")[0]);
            assertEquals(1, dead.getIntProperty("JMSXDeliveryCount"), "refused at once, never redelivered");
        }
    }

    // -- helpers ------------------------------------------------------------------------------------------------

    private static SocketClient visitor(String token) {
        return SocketClient.connect(node.wsUrl() + "/ws/visitor?inbox=support"
                + (token == null ? "" : "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    /** The texts of a conversation as its visitor's reconnected widget replays it from the start. */
    private static List<String> replay(String token, long conversation) throws Exception {
        try (var visitor = visitor(token)) {
            visitor.next("welcome", WAIT);
            visitor.send(Json.createObjectBuilder().add("type", "resume").add("conversationId", conversation)
                    .add("afterSeq", 0).build());
            var texts = new ArrayList<String>();
            for (var frame = visitor.next(WAIT); !"resumed".equals(frame.getString("type"));
                 frame = visitor.next(WAIT)) {
                // Live events of the conversation may reach the new socket before the resume: the replay's own.
                if ("message.created".equals(frame.getString("type")) && frame.getBoolean("replay", false)) {
                    texts.add(frame.getString("text"));
                }
            }
            return texts;
        }
    }

    /** A request written by hand, so that neither the path nor the Host header is normalised on the way. */
    private static String rawGet(String path, String header) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", node.httpPort)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            var request = "GET " + path + " HTTP/1.1\r\n"
                    + (header.startsWith("Host:") ? "" : "Host: 127.0.0.1:" + node.httpPort + "\r\n")
                    + header + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonObject createdIn(SocketClient agent, long conversation) throws InterruptedException {
        while (true) {
            var created = agent.next("message.created", WAIT);
            if (created.getJsonNumber("conversationId").longValue() == conversation) {
                return created;
            }
        }
    }

    private static int cannedCount() throws Exception {
        var response = Http.get(node.appUrl() + "/api/agent/canned-responses", adminToken);
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readArray().size();
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
