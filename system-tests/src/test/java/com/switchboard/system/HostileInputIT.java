package com.switchboard.system;

import static com.switchboard.system.FirstPathIT.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.messaging.Destinations;
import com.switchboard.system.support.Directories;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.NodeLog;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.SwitchboardProcess;
import jakarta.jms.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and careless input on the embedded defaults (H2 and the embedded broker, what a newcomer runs): every
 * way in refuses it with its code and stores nothing, or repairs it, and nothing one client sends blinds the
 * others. A conversation made before the attacks replays unchanged at the end, and the node's log holds no
 * stack trace and no SEVERE line.
 */
@ResourceLock(Lanes.OWN_NODES)
class HostileInputIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADMIN_EMAIL = "admin@hostile.example.com";
    private static final String ADMIN_PASSWORD = "hostile-admin-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Without the upgrade to HTTP/2 that the JDK's client tries first (whose header limits are the runtime's). */
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
                // Two, so that a burst of this host's own sockets (never limited per address) outruns them.
                "SWITCHBOARD_LIMITS_FIRST_MESSAGES_AT_ONCE", "2",
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

    @Test
    void aBurstOfNewChatsBeyondTheNodesTurnsIsToldToSendAgainAndEachIsStoredOnce() throws Exception {
        int visitors = 60;
        var run = UUID.randomUUID().toString();
        var sockets = new ArrayList<SocketClient>();
        var widgets = Executors.newFixedThreadPool(visitors);
        try {
            var tokens = new ArrayList<String>();
            for (int i = 0; i < visitors; i++) {
                tokens.add(track(sockets, visitor(null)).next("welcome", WAIT).getString("visitorToken"));
            }
            var sends = IntStream.range(0, visitors).mapToObj(i -> widgets.submit(() -> sendUntilAccepted(
                    sockets.get(i), Json.createObjectBuilder().add("type", "message.send").add("text", "burst " + i)
                            .add("clientId", run + "-" + i).add("ref", "send:" + i).build()))).toList();
            var conversations = new ArrayList<Long>();
            int refusals = 0;
            for (var send : sends) {
                var accepted = send.get(2, TimeUnit.MINUTES);
                conversations.add(accepted.getJsonNumber("conversationId").longValue());
                refusals += accepted.getInt("refusals");
            }
            assertTrue(refusals > 0, "60 first messages at once on a node with two turns: some told to send again");
            assertEquals(visitors, new HashSet<>(conversations).size(), "a conversation each");
            for (int i = 0; i < visitors; i++) {
                assertEquals(List.of("burst " + i), replay(tokens.get(i), conversations.get(i)), "stored once");
            }
        } finally {
            widgets.shutdownNow();
            sockets.forEach(SocketClient::close);
        }
    }

    /**
     * As the widget does: the message goes again, the same clientId, after the time each refusal gives, until it
     * is accepted; returns the acceptance with how many refusals came before it.
     */
    private static JsonObject sendUntilAccepted(SocketClient socket, JsonObject message) throws Exception {
        for (int refusals = 0; refusals < 30; refusals++) {
            var answer = socket.send(message).next(WAIT);
            while (!Set.of("message.accepted", "error").contains(answer.getString("type"))) {
                answer = socket.next(WAIT);
            }
            if ("message.accepted".equals(answer.getString("type"))) {
                return Json.createObjectBuilder(answer).add("refusals", refusals).build();
            }
            assertEquals(List.of("server.unavailable", message.getString("ref")),
                    List.of(answer.getString("code"), answer.getString("ref")), answer.toString());
            long retry = answer.getJsonNumber("retryAfterMs").longValue();
            assertTrue(retry >= 500 && retry <= 10_500, answer.toString());
            Thread.sleep(retry);
        }
        throw new AssertionError("refused 30 times: " + message);
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

    /** Every page's address parameter that is no number is answered like none, never with the error page. */
    @ParameterizedTest
    @CsvSource({"/admin/inboxes/edit.xhtml?id=abc, 302", "/admin/inboxes/edit.xhtml?id=1e9999, 302",
            "/admin/conversations/index.xhtml?inbox=abc, 200", "/admin/conversations/index.xhtml?page=abc, 200",
            "/admin/conversations/index.xhtml?page=99999999999999999999, 200",
            "/admin/dashboard/index.xhtml?inbox=%ED%A0%80, 200"})
    void aConsolePageGivenParametersThatAreNoNumbersAnswersWithoutTheErrorPage(String page, int status)
            throws Exception {
        var console = Http.consoleSession(node.appUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        var response = console.send(HttpRequest.newBuilder(URI.create(node.appUrl() + page)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), page + ": " + response.body());
        assertFalse(response.body().contains("Something went wrong"), response.body());
    }

    /**
     * A page that deletes, opened from outside the console (a bookmark, a link of another site), and a form sent
     * from a page whose state the server no longer has: the console says the page expired, not that it failed.
     */
    @Test
    void aDeletePageFromOutsideOrAStaleFormIsAnsweredAsExpired() throws Exception {
        var console = Http.consoleSession(node.appUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        for (var page : List.of("/admin/tags/delete.xhtml?id=1", "/admin/inboxes/delete.xhtml?id=1",
                "/admin/inboxes/delete.xhtml?id=abc")) {
            var response = console.send(HttpRequest.newBuilder(URI.create(node.appUrl() + page)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), page + ": " + response.body());
            assertTrue(response.body().contains("This page has expired"), page + ": " + response.body());
        }
        var stale = console.send(HttpRequest.newBuilder(URI.create(node.appUrl() + "/admin/agents/index.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("session=session&session%3Asignout=Sign+out"
                        + "&jakarta.faces.ViewState=123%3A456")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("This page has expired"), stale.body());
    }

    /** A form far larger than any sign-in is refused before it is read, so that a few cannot fill the heap. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/agent/sessions", "/api/agent/password-resets", "/admin/signin.xhtml"})
    void anOversizedFormIsRefusedUnread(String path) throws Exception {
        var form = "email=" + "a".repeat(70 * 1024) + "%40hostile.example.com&password=x";
        var response = HTTP_1_1.send(HttpRequest.newBuilder(URI.create(node.appUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        if (path.startsWith("/api/")) {
            assertEquals("request.too-large", json(response.body()).getString("code"));
        }
        var chunked = HTTP_1_1.send(HttpRequest.newBuilder(URI.create(node.appUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(form.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(411, chunked.statusCode(), chunked.body());
        if (path.startsWith("/api/")) {
            assertEquals("request.length-required", json(chunked.body()).getString("code"));
        }
    }

    /** The application's redirects, and the container's own: a folder named without its closing slash. */
    @ParameterizedTest
    @CsvSource({"/switchboard/admin/dashboard/index.xhtml, 302, /switchboard/admin/signin.xhtml",
            "/switchboard, 301, /switchboard/", "/switchboard/admin, 301, /switchboard/admin/",
            "/switchboard/js, 301, /switchboard/js/", "/switchboard/admin/inboxes, 301, /switchboard/admin/inboxes/"})
    void aForgedHostHeaderNeverBecomesARedirectsAddress(String path, int status, String target) throws Exception {
        var response = rawGet(path, "Host: evil.example.com");
        assertTrue(response.startsWith("HTTP/1.1 " + status), response);
        var location = response.lines().filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
                .findFirst().orElseThrow();
        assertTrue(!location.contains("evil"), location);
        assertTrue(location.substring("Location:".length()).strip().startsWith(target), location);
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
        var missing = Http.get(node.appUrl() + "/no-such-page.html");
        assertEquals(404, missing.statusCode());
        assertEquals("nosniff", missing.headers().firstValue("X-Content-Type-Options").orElse(null),
                "the error page too: " + missing.headers().map());
        assertTrue(missing.headers().firstValue("Content-Security-Policy").orElse("").contains("object-src 'none'"),
                () -> "the error page too: " + missing.headers().map());
        var beforeSignIn = Http.get(node.appUrl() + "/admin/signin.xhtml").headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("the sign-in form starts a session"));
        assertTrue(beforeSignIn.contains("SameSite=Lax") && beforeSignIn.contains("HttpOnly"),
                () -> "the sign-in form's session cookie: " + beforeSignIn);
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
        assertFalse(cookie.contains("Secure"), "plain HTTP: a Secure cookie would never come back: " + cookie);
        // Behind a proxy that ends https and says so, the signed-in session's cookie only travels over https.
        var behindHttps = Http.consoleSignIn(HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .build(), node.appUrl(), ADMIN_EMAIL, ADMIN_PASSWORD, "X-Forwarded-Proto", "https");
        assertEquals(302, behindHttps.statusCode(), behindHttps.body());
        var secureCookie = behindHttps.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError(behindHttps.headers().map()));
        assertTrue(secureCookie.contains("; Secure") && secureCookie.contains("SameSite=Lax"), secureCookie);
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

    @Test
    void aLegacySystemsUnpairedSurrogateIsStoredAsAReplacementAndBlindsNobody() throws Exception {
        try (var visitor = visitor(null)) {
            var token = visitor.next("welcome", WAIT).getString("visitorToken");
            long conversation = visitor.send(say("a legacy system writes to me next")).next("message.accepted", WAIT)
                    .getJsonNumber("conversationId").longValue();
            var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
            try (var connection = factory.createConnection()) {
                var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue(Destinations.INBOUND)).send(session.createTextMessage(
                        "{\"type\":\"system.message\",\"externalId\":\"surrogate-" + UUID.randomUUID()
                                + "\",\"conversationId\":" + conversation + ",\"text\":\"order \\ud800 left\"}"));
            }
            // The live frame reaches the visitor's socket, and so does the next one: the socket was not failed.
            var frame = visitor.next("message.created", WAIT);
            while (!frame.getString("text").contains("order")) {
                frame = visitor.next("message.created", WAIT);
            }
            assertEquals("order \uFFFD left", frame.getString("text"));
            visitor.send(say("and after it")).next("message.accepted", WAIT);
            assertEquals(List.of("a legacy system writes to me next", "order \uFFFD left", "and after it"),
                    replay(token, conversation));
        }
    }

    // -- authorisation between agents, visitors and roles ---------------------------------------------------------

    /**
     * A plain agent who is a member of no inbox, against a conversation of the support inbox and its visitor: every
     * read and act is refused with its code ({c} the conversation, {v} its visitor, {i} its inbox, {me} the agent).
     */
    static Stream<Arguments> whatAPlainAgentMayNotDo() {
        return Stream.of(
                Arguments.of("GET", "/api/agent/visitors/{v}", null, 403, "visitor.not-yours"),
                Arguments.of("PUT", "/api/agent/visitors/{v}/tags", "{\"version\":0,\"tags\":[\"vip\"]}", 403,
                        "visitor.not-yours"),
                Arguments.of("POST", "/api/agent/visitors/{v}/blocks", "{\"reason\":\"spam\"}", 403,
                        "visitor.not-yours"),
                Arguments.of("GET", "/api/agent/conversations/{c}/participants", null, 403, "conversation.not-yours"),
                Arguments.of("POST", "/api/agent/conversations/{c}/participants", "{\"agentId\":{me}}", 403,
                        "conversation.invite-forbidden"),
                Arguments.of("POST", "/api/agent/conversations/{c}/leave", "{\"agentId\":{me}}", 403,
                        "conversation.not-yours"),
                Arguments.of("POST", "/api/agent/conversations/{c}/option-menus",
                        "{\"text\":\"Which?\",\"options\":[\"A\",\"B\"]}", 403, "conversation.not-yours"),
                Arguments.of("GET", "/api/agent/conversations/{c}/workspace/draft", null, 403,
                        "conversation.not-yours"),
                Arguments.of("POST", "/api/agent/conversations/{c}/workspace/unread", null, 403,
                        "conversation.not-yours"),
                Arguments.of("PUT", "/api/agent/conversations/{c}/workspace/tags",
                        "{\"version\":0,\"tags\":[\"mine\"]}", 403, "conversation.not-yours"),
                Arguments.of("POST", "/api/agent/conversations/{c}/workspace/close", null, 403,
                        "conversation.not-yours"),
                Arguments.of("POST", "/api/agent/conversations/{c}/workspace/archive", null, 403,
                        "conversation.not-yours"),
                Arguments.of("DELETE", "/api/agent/conversations/{c}/workspace", null, 403,
                        "conversation.delete-forbidden"),
                Arguments.of("GET", "/api/agent/conversations/{c}/routing", null, 403, "conversation.not-yours"),
                Arguments.of("POST", "/api/agent/conversations/{c}/routing/take", null, 403, "inbox.not-member"),
                Arguments.of("POST", "/api/agent/conversations/{c}/routing/assignment", "{\"agentId\":{me}}", 403,
                        "conversation.reassign-forbidden"),
                Arguments.of("POST", "/api/agent/conversations/{c}/routing/transfer", "{\"inboxId\":{i}}", 403,
                        "conversation.reassign-forbidden"),
                Arguments.of("POST", "/api/agent/conversations/{c}/routing/invitations", "{\"agentId\":{me}}", 403,
                        "conversation.invite-forbidden"),
                Arguments.of("GET", "/api/agent/conversations/{c}/attachments", null, 403, "conversation.not-yours"),
                Arguments.of("POST", "/api/agent/canned-responses", "{\"title\":\"t\",\"conversationId\":{c},"
                        + "\"seq\":1}", 403, "conversation.not-yours"),
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":\"mine-now\"}", 403, "auth.admin-only"),
                Arguments.of("POST", "/api/agent/inboxes/{i}/members", "{\"agentId\":{me},\"capacity\":5}", 403,
                        "auth.admin-only"),
                Arguments.of("POST", "/api/agent/agents", "{\"email\":\"raised@hostile.example.com\",\"name\":\"R\","
                        + "\"password\":\"a long password\",\"roles\":[\"ADMIN\"]}", 403, "auth.admin-only"),
                Arguments.of("GET", "/api/agent/inboxes/{i}/identity-secret", null, 403, "auth.admin-only"),
                Arguments.of("POST", "/api/agent/inboxes/{i}/identity-secret", null, 403, "auth.admin-only"),
                Arguments.of("POST", "/api/agent/blocks", "{\"network\":\"198.51.100.0/24\",\"reason\":\"r\"}", 403,
                        "block.forbidden"),
                Arguments.of("GET", "/api/agent/conversations/987654321/participants", null, 404,
                        "conversation.unknown"),
                Arguments.of("POST", "/api/agent/conversations/987654321/option-menus",
                        "{\"text\":\"Which?\",\"options\":[\"A\",\"B\"]}", 404, "conversation.unknown"),
                Arguments.of("POST", "/api/agent/conversations/987654321/routing/take", null, 404,
                        "conversation.unknown"),
                Arguments.of("GET", "/api/agent/visitors/987654321", null, 403, "visitor.not-yours"),
                Arguments.of("GET", "/api/agent/attachments/987654321", null, 404, "attachment.unknown"),
                Arguments.of("DELETE", "/api/agent/blocks/987654321", null, 404, "block.unknown"),
                Arguments.of("POST", "/api/agent/offers/987654321/accept", null, 404, "offer.unknown"),
                Arguments.of("POST", "/api/agent/invitations/987654321/accept", null, 404, "invitation.unknown"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("whatAPlainAgentMayNotDo")
    void aPlainAgentCannotReadOrActOnWhatIsNotTheirs(String method, String path, String body, int status,
                                                    String code) throws Exception {
        var target = target();
        var plain = plainAgent();
        var before = adminView(target);
        var response = Http.send(method, node.appUrl() + target.fill(path, plain.id()), plain.token(),
                body == null ? null : target.fill(body, plain.id()));
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, json(response.body()).getString("code"), response.body());
        assertEquals(before, adminView(target), "nothing changed");
    }

    static Stream<Arguments> authorizationHeaders() {
        return Stream.of(
                Arguments.of("none", (UnaryOperator<String>) token -> null, "auth.required"),
                Arguments.of("Basic", (UnaryOperator<String>) token -> "Basic "
                        + java.util.Base64.getEncoder().encodeToString((ADMIN_EMAIL + ":" + ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)), "auth.required"),
                Arguments.of("Token scheme", op(token -> "Token " + token), "auth.required"),
                Arguments.of("token alone", op(token -> token), "auth.required"),
                Arguments.of("garbage", op(token -> "Bearer garbage"), "auth.invalid-token"),
                Arguments.of("last character changed", op(token -> "Bearer " + token.substring(0, token.length() - 1)
                        + (token.endsWith("A") ? "B" : "A")), "auth.invalid-token"),
                Arguments.of("truncated", op(token -> "Bearer " + token.substring(0, token.length() - 5)),
                        "auth.invalid-token"),
                Arguments.of("signature dropped", op(token -> "Bearer " + token.substring(0,
                        token.lastIndexOf('.'))), "auth.invalid-token"),
                Arguments.of("empty signature", op(token -> "Bearer " + token.substring(0,
                        token.lastIndexOf('.') + 1)), "auth.invalid-token"),
                Arguments.of("another agent's id, the same signature", op(token -> "Bearer 2"
                        + token.substring(token.indexOf('.'))), "auth.invalid-token"),
                Arguments.of("a later expiry, the same signature", op(token -> {
                    var parts = token.split("\\.");
                    return "Bearer " + parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
                }), "auth.invalid-token"),
                Arguments.of("expired long ago", op(token -> "Bearer 1.1." + token.split("\\.")[2]),
                        "auth.invalid-token"),
                Arguments.of("an id beyond long", op(token -> "Bearer 99999999999999999999999.99999999999999999999."
                        + token.split("\\.")[2]), "auth.invalid-token"),
                Arguments.of("a fourth part", op(token -> "Bearer " + token + ".x"), "auth.invalid-token"),
                Arguments.of("twice", op(token -> "Bearer " + token + " " + token), "auth.invalid-token"),
                Arguments.of("2 KB", op(token -> "Bearer " + "a.b.".repeat(500)), "auth.invalid-token"),
                Arguments.of("a visitor's token", op(token -> "Bearer " + baselineToken), "auth.invalid-token"));
    }

    private static UnaryOperator<String> op(UnaryOperator<String> header) {
        return header;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authorizationHeaders")
    void aMissingForgedOrGarbledTokenIsRefusedAndNothingIsStored(String what,
            UnaryOperator<String> header, String code) throws Exception {
        var before = cannedCount();
        var request = HttpRequest.newBuilder(URI.create(node.appUrl() + "/api/agent/canned-responses"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"forged\",\"shortcut\":\"f"
                        + UUID.randomUUID().toString().substring(0, 6) + "\",\"text\":\"by whom?\"}"));
        var value = header.apply(adminToken);
        if (value != null) {
            request.header("Authorization", value);
        }
        var response = HTTP_1_1.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode(), response.body());
        assertEquals(code, json(response.body()).getString("code"), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(before, cannedCount());
    }

    /** A visitor names a conversation of another visitor: it does not exist for them, and nothing changes. */
    static Stream<Arguments> framesOnAnotherVisitorsConversation() {
        return Stream.of(
                Arguments.of("{\"type\":\"resume\",\"conversationId\":{c},\"afterSeq\":0}"),
                Arguments.of("{\"type\":\"conversation.close\",\"conversationId\":{c}}"),
                Arguments.of("{\"type\":\"option.pick\",\"conversationId\":{c},\"seq\":1,\"option\":0}"),
                Arguments.of("{\"type\":\"receipt\",\"conversationId\":{c},\"upToSeq\":2,\"status\":\"READ\"}"),
                Arguments.of("{\"type\":\"receipt\",\"conversationId\":{c},\"upToSeq\":2,\"status\":\"DELIVERED\"}"),
                Arguments.of("{\"type\":\"typing\",\"conversationId\":{c},\"typing\":true}"),
                Arguments.of("{\"type\":\"resume\",\"conversationId\":987654321,\"afterSeq\":0}"));
    }

    @ParameterizedTest
    @MethodSource("framesOnAnotherVisitorsConversation")
    void aVisitorCannotReachAnotherVisitorsConversation(String frame) throws Exception {
        var target = target();
        var before = adminView(target);
        try (var intruder = visitor(null)) {
            intruder.next("welcome", WAIT);
            var error = intruder.sendRaw(target.fill(frame, 0)).next("error", WAIT);
            assertEquals("conversation.unknown", error.getString("code"), error.toString());
        }
        assertEquals(before, adminView(target), "nothing changed");
    }

    @Test
    void aPlainAgentCannotBlockForThemselvesAVisitorTheyCannotRead() throws Exception {
        var target = target();
        var plain = plainAgent();
        var before = Http.get(node.appUrl() + "/api/agent/me/blocks", plain.token()).body();
        var response = Http.send("POST", node.appUrl() + "/api/agent/me/blocks", plain.token(),
                "{\"visitorId\":" + target.visitor() + "}");
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("visitor.not-yours", json(response.body()).getString("code"), response.body());
        assertEquals(before, Http.get(node.appUrl() + "/api/agent/me/blocks", plain.token()).body());
    }

    // -- the visitor socket's frames ------------------------------------------------------------------------------

    static Stream<Arguments> refusedFrames() {
        return Stream.of(
                Arguments.of("{\"type\":\"no.such.type\"}", "frame.unknown-type"),
                Arguments.of("{\"type\":\"\"}", "frame.unknown-type"),
                Arguments.of("{\"type\":\"PING\"}", "frame.unknown-type"),
                Arguments.of("{\"type\":\"ping\",\"v\":2}", "frame.version"),
                Arguments.of("{\"type\":\"ping\",\"v\":\"1\"}", "frame.version"),
                Arguments.of("{\"type\":\"ping\",\"v\":1.5}", "frame.version"),
                Arguments.of("{\"type\":\"ping\",\"v\":null}", "frame.version"),
                Arguments.of("{\"type\":\"ping\",\"ref\":\"" + "r".repeat(65) + "\"}", "request.field"),
                Arguments.of("{\"type\":\"ping\",\"ref\":7}", "request.field"),
                Arguments.of("{\"type\":\"ping\",\"ref\":{\"a\":1}}", "request.field"),
                Arguments.of("{\"type\":[\"ping\"]}", "frame.invalid"),
                Arguments.of("{\"type\":null}", "frame.invalid"),
                Arguments.of("{\"type\":\"resume\",\"conversationId\":\"1\",\"afterSeq\":0}", "request.field"),
                Arguments.of("{\"type\":\"resume\",\"conversationId\":1.5,\"afterSeq\":0}", "request.field"),
                Arguments.of("{\"type\":\"resume\",\"conversationId\":1e40,\"afterSeq\":0}", "request.field"),
                Arguments.of("{\"type\":\"resume\",\"conversationId\":-9223372036854775809,\"afterSeq\":0}",
                        "request.field"),
                Arguments.of("{\"type\":\"resume\",\"conversationId\":1}", "request.field"),
                Arguments.of("{\"type\":\"typing\",\"conversationId\":1,\"typing\":\"yes\"}", "request.field"),
                Arguments.of("{\"type\":\"receipt\",\"conversationId\":1,\"upToSeq\":1,\"status\":\"SEEN\"}",
                        "request.field"),
                Arguments.of("{\"type\":\"option.pick\",\"conversationId\":1,\"seq\":1,\"option\":-1}",
                        "request.field"),
                Arguments.of("{\"type\":\"option.pick\",\"conversationId\":1,\"seq\":1,\"option\":4294967296}",
                        "request.field"),
                Arguments.of("{\"type\":\"message.send\",\"text\":5}", "request.field"),
                Arguments.of("{\"type\":\"message.send\",\"text\":[\"a\"]}", "request.field"),
                Arguments.of("{\"type\":\"message.send\",\"text\":\"\"}", "message.empty"),
                Arguments.of("{\"type\":\"message.send\",\"text\":\"  \\n\\t \"}", "message.empty"),
                Arguments.of("{\"type\":\"message.send\",\"text\":\"" + "x".repeat(2_001) + "\"}",
                        "message.too-long"),
                Arguments.of("{\"type\":\"message.send\",\"text\":\"hi\",\"clientId\":7}", "request.field"),
                Arguments.of("{\"type\":\"message.send\",\"text\":\"hi\",\"clientId\":\"" + "c".repeat(500) + "\"}",
                        "message.client-id"),
                Arguments.of("{\"type\":\"message.send\",\"text\":\"a\\u200bb\\u0000\"}", "text.control-character"),
                Arguments.of("{\"type\":\"page.view\",\"url\":\"javascript:alert(1)\"}", "visitor.page-url"),
                Arguments.of("{\"type\":\"page.view\",\"url\":\"file:///etc/passwd\"}", "visitor.page-url"),
                Arguments.of("{\"type\":\"page.view\",\"url\":\"https://\"}", "visitor.page-url"),
                Arguments.of("{\"type\":\"page.view\",\"url\":\"https://shop.example.com/" + "p".repeat(5_000)
                        + "\"}", "visitor.page-url"),
                Arguments.of("{\"type\":\"page.view\",\"url\":\"https://shop.example.com/\\r\\nSet-Cookie: x\"}",
                        "visitor.page-url"),
                Arguments.of("{\"type\":\"page.view\",\"url\":\"https://shop.example.com/\",\"title\":\"a\\u0007\"}",
                        "text.control-character"),
                Arguments.of("{\"type\":\"introduce\",\"name\":\"Ada\\u0000\"}", "text.control-character"),
                Arguments.of("{\"type\":\"introduce\",\"name\":\"" + "n".repeat(101) + "\"}", "visitor.name"),
                Arguments.of("{\"type\":\"introduce\",\"name\":5}", "request.field"),
                Arguments.of("{\"type\":\"introduce\",\"email\":\"not an address\"}", "visitor.email"),
                Arguments.of("{\"type\":\"introduce\",\"email\":\"ada@example.com\\r\\nBcc: all@example.com\"}",
                        "text.control-character"),
                Arguments.of("{\"type\":\"introduce\",\"email\":\"ada@\\ud800example.com\"}", "visitor.email"),
                Arguments.of("{\"type\":\"introduce\",\"email\":\"" + "a".repeat(250) + "@example.com\"}",
                        "visitor.email"),
                Arguments.of("{\"type\":\"identify\",\"externalId\":\"u1\",\"signature\":\"x\"}", "request.field"),
                Arguments.of("{\"type\":\"identify\",\"externalId\":\"u\\u001b1\",\"timestamp\":1,"
                        + "\"signature\":\"x\"}", "text.control-character"),
                // The signed string joins its fields with line breaks: one inside an id would re-split it.
                Arguments.of("{\"type\":\"identify\",\"externalId\":\"u\\n1\",\"timestamp\":1,"
                        + "\"signature\":\"x\"}", "text.control-character"),
                Arguments.of("{\"type\":\"identify\",\"externalId\":\"u\\u200b1\",\"timestamp\":1,"
                        + "\"signature\":\"x\"}", "text.control-character"));
    }

    @ParameterizedTest
    @MethodSource("refusedFrames")
    void aFrameWithAWrongFieldGetsItsCodeTheSocketStaysUsableAndNothingIsStored(String frame, String code)
            throws Exception {
        String token;
        try (var visitor = visitor(null)) {
            token = visitor.next("welcome", WAIT).getString("visitorToken");
            var error = visitor.sendRaw(frame).next("error", WAIT);
            assertEquals(code, error.getString("code"), error.toString());
            visitor.send(Json.createObjectBuilder().add("type", "ping").build()).next("pong", WAIT);
        }
        try (var again = visitor(token)) {
            var welcome = again.next("welcome", WAIT);
            assertTrue(!welcome.containsKey("conversation"), "no conversation was opened: " + welcome);
            var introduced = again.send(Json.createObjectBuilder().add("type", "introduce").build())
                    .next("introduced", WAIT);
            assertEquals(JsonValue.NULL, introduced.get("name"), "no name was stored: " + introduced);
            assertEquals(JsonValue.NULL, introduced.get("email"), "no e-mail was stored: " + introduced);
        }
    }

    static Stream<Arguments> handshakesWithoutAKnownInbox() {
        return Stream.of(
                Arguments.of("", "inbox.missing"),
                Arguments.of("?inbox=", "inbox.missing"),
                Arguments.of("?inbox=%20%20", "inbox.missing"),
                Arguments.of("?token=abc", "inbox.missing"),
                Arguments.of("?inbox=no-such-inbox", "inbox.unknown"),
                Arguments.of("?inbox=support%00", "inbox.unknown"),
                Arguments.of("?inbox=" + "s".repeat(2_000), "inbox.unknown"));
    }

    @ParameterizedTest
    @MethodSource("handshakesWithoutAKnownInbox")
    void aHandshakeThatNamesNoKnownInboxIsRefused(String query, String code) throws Exception {
        try (var socket = SocketClient.connect(node.wsUrl() + "/ws/visitor" + query)) {
            var error = socket.next("error", WAIT);
            assertEquals(code, error.getString("code"), error.toString());
            assertEquals(1008, socket.closeCode(WAIT));
        }
        Thread.sleep(1_000);
        assertEquals(List.of(), NodeLog.problems(node.output()), "the node's log after the refused handshake");
    }

    @Test
    void aFrameOver64KbClosesThatSocketAloneWith1009() throws Exception {
        try (var big = visitor(null); var other = visitor(null)) {
            big.next("welcome", WAIT);
            other.next("welcome", WAIT);
            big.sendRaw("{\"type\":\"message.send\",\"text\":\"" + "x".repeat(65 * 1024) + "\"}");
            assertEquals(1009, big.closeCode(WAIT));
            other.send(Json.createObjectBuilder().add("type", "ping").build()).next("pong", WAIT);
        }
        Thread.sleep(1_000);
        assertEquals(List.of(), NodeLog.problems(node.output()), "the node's log after the oversized frame");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 70_000})
    void aBinaryFrameIsRefusedWithoutAStackTraceInTheLog(int size) throws Exception {
        var problems = NodeLog.problems(node.output()).size();
        try (var socket = visitor(null)) {
            socket.next("welcome", WAIT);
            socket.sendBinary(new byte[size]);
            if (size > 64 * 1024) {
                assertEquals(1009, socket.closeCode(WAIT));
            } else {
                assertEquals("frame.binary", socket.next("error", WAIT).getString("code"));
                socket.send(Json.createObjectBuilder().add("type", "ping").build()).next("pong", WAIT);
            }
        }
        Thread.sleep(1_000);
        assertEquals(problems, NodeLog.problems(node.output()).size(), NodeLog.problems(node.output()).toString());
    }

    @Test
    void noTokenReachesTheLogWhenSocketsThatCarryOneFail() throws Exception {
        // Both sockets carry a credential in their URL; a binary frame and an oversized one make the runtime log
        // the session's failure, which names the URL.
        var agentUrl = node.wsUrl() + "/ws/agent?token=" + URLEncoder.encode(adminToken, StandardCharsets.UTF_8);
        for (var url : List.of(agentUrl, node.wsUrl() + "/ws/visitor?inbox=support&token="
                + URLEncoder.encode(baselineToken, StandardCharsets.UTF_8))) {
            try (var socket = SocketClient.connect(url)) {
                socket.next("welcome", WAIT);
                socket.sendBinary(new byte[16]);
                socket.next("error", WAIT);
            }
            try (var socket = SocketClient.connect(url)) {
                socket.next("welcome", WAIT);
                socket.sendBinary(new byte[128 * 1024]);
                assertEquals(1009, socket.closeCode(WAIT));
            }
        }
        Thread.sleep(1_000);
        // A URL's token parameter with its value (the log shows it as "token=…"), not a parser's "Invalid token=EOF".
        var tokenInUrl = Pattern.compile("[?&]token=(?!…)[^&\\s\"'<>]+");
        var leaks = node.output().stream().filter(line -> line.contains(adminToken) || line.contains(baselineToken)
                || tokenInUrl.matcher(line).find()).toList();
        assertEquals(List.of(), leaks, "log lines that hold a token");
    }

    // -- more request bodies, fields and parameters of the HTTP API -----------------------------------------------

    /** Bodies of several endpoints, as the admin ({i} the support inbox, {v} a visitor, {me} the admin). */
    static Stream<Arguments> wrongFields() {
        return Stream.of(
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":5}", 400, "request.field"),
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":[\"a\"]}", 400, "request.field"),
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":\"n1\",\"reassignmentSeconds\":\"60\"}", 400,
                        "request.field"),
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":\"n2\",\"reassignmentSeconds\":1.5}", 400,
                        "request.field"),
                Arguments.of("POST", "/api/agent/inboxes",
                        "{\"name\":\"n3\",\"reassignmentSeconds\":99999999999999999999}", 400,
                        "request.field"),
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":\"n4\",\"reassignmentSeconds\":-5}", 400,
                        "inbox.reassignment-timeout"),
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":\"n5\",\"assignmentMode\":\"ROUND\"}", 400,
                        "inbox.assignment-mode"),
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":\"n6\",\"assignmentMode\":true}", 400,
                        "request.field"),
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":\"bell\\u0007inbox\"}", 400,
                        "text.control-character"),
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":\"two\\nlines\"}", 400,
                        "text.control-character"),
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":\"\"}", 400, "inbox.name"),
                Arguments.of("POST", "/api/agent/inboxes", "{}", 400, "inbox.name"),
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":\"" + "n".repeat(1_000) + "\"}", 400,
                        "inbox.name"),
                Arguments.of("POST", "/api/agent/inboxes", "{\"name\":\"support\"}", 409, "inbox.name.taken"),
                Arguments.of("POST", "/api/agent/inboxes/{i}/members", "{\"agentId\":\"1\",\"capacity\":5}", 400,
                        "request.field"),
                Arguments.of("POST", "/api/agent/inboxes/{i}/members", "{\"agentId\":{me},\"capacity\":1e30}", 400,
                        "request.field"),
                Arguments.of("POST", "/api/agent/inboxes/{i}/members",
                        "{\"agentId\":987654321,\"capacity\":5}", 404, "agent.unknown"),
                Arguments.of("POST", "/api/agent/agents", "{\"email\":1,\"name\":\"n\",\"password\":\"long enough!\"}",
                        400, "request.field"),
                Arguments.of("POST", "/api/agent/agents", "{\"email\":\"r1@hostile.example.com\",\"name\":\"n\","
                        + "\"password\":\"long enough!\",\"roles\":\"ADMIN\"}", 400, "request.field"),
                Arguments.of("POST", "/api/agent/agents", "{\"email\":\"r2@hostile.example.com\",\"name\":\"n\","
                        + "\"password\":\"long enough!\",\"roles\":[1]}", 400, "request.field"),
                Arguments.of("POST", "/api/agent/agents", "{\"email\":\"r3@hostile.example.com\",\"name\":\"n\","
                        + "\"password\":\"long enough!\",\"roles\":[\"ROOT\"]}", 400, "agent.roles"),
                Arguments.of("POST", "/api/agent/agents", "{\"email\":\"no-at-sign\",\"name\":\"n\","
                        + "\"password\":\"long enough!\",\"roles\":[\"AGENT\"]}", 400, "agent.email"),
                Arguments.of("POST", "/api/agent/agents", "{\"email\":\"r4@hostile.example.com\\r\\nBcc: x@y.z\","
                        + "\"name\":\"n\",\"password\":\"long enough!\",\"roles\":[\"AGENT\"]}", 400,
                        "text.control-character"),
                Arguments.of("POST", "/api/agent/agents", "{\"email\":\"r5@hostile.example.com\",\"name\":\"n\\u0000\","
                        + "\"password\":\"long enough!\",\"roles\":[\"AGENT\"]}", 400, "text.control-character"),
                Arguments.of("POST", "/api/agent/agents", "{\"email\":\"r6@hostile.example.com\",\"name\":\"\","
                        + "\"password\":\"long enough!\",\"roles\":[\"AGENT\"]}", 400, "agent.name"),
                Arguments.of("POST", "/api/agent/agents", "{\"email\":\"r7@hostile.example.com\",\"name\":\"n\","
                        + "\"password\":\"x\",\"roles\":[\"AGENT\"]}", 400, "agent.password"),
                Arguments.of("POST", "/api/agent/agents", "{\"email\":\"" + ADMIN_EMAIL + "\",\"name\":\"n\","
                        + "\"password\":\"long enough!\",\"roles\":[\"AGENT\"]}", 409, "agent.email.taken"),
                Arguments.of("POST", "/api/agent/blocks", "{\"network\":\"not a network\",\"reason\":\"r\"}", 400,
                        "block.network"),
                Arguments.of("POST", "/api/agent/blocks", "{\"network\":\"198.51.100.0/99\",\"reason\":\"r\"}", 400,
                        "block.network"),
                Arguments.of("POST", "/api/agent/blocks", "{\"network\":5,\"reason\":\"r\"}", 400, "request.field"),
                Arguments.of("POST", "/api/agent/blocks",
                        "{\"network\":\"198.51.100.0/24\",\"reason\":\"r\",\"minutes\":\"5\"}", 400, "request.field"),
                Arguments.of("POST", "/api/agent/blocks",
                        "{\"network\":\"198.51.100.0/24\",\"reason\":\"r\",\"minutes\":-1}", 400, "block.period"),
                Arguments.of("POST", "/api/agent/blocks",
                        "{\"network\":\"198.51.100.0/24\",\"reason\":\"r\",\"minutes\":1e300}", 400, "request.field"),
                Arguments.of("POST", "/api/agent/blocks",
                        "{\"network\":\"198.51.100.0/24\",\"reason\":\"r\\u001b[2J\"}", 400, "text.control-character"),
                Arguments.of("POST", "/api/agent/visitors/{v}/blocks", "{\"reason\":\"r\\u0008\"}", 400,
                        "text.control-character"),
                Arguments.of("POST", "/api/agent/visitors/{v}/blocks", "{\"reason\":\"r\",\"minutes\":0}", 400,
                        "block.period"),
                Arguments.of("PUT", "/api/agent/visitors/{v}/tags", "{\"version\":\"0\",\"tags\":[]}", 400,
                        "request.field"),
                Arguments.of("PUT", "/api/agent/visitors/{v}/tags", "{\"version\":0,\"tags\":\"vip\"}", 400,
                        "request.field"),
                Arguments.of("PUT", "/api/agent/visitors/{v}/tags", "{\"version\":0,\"tags\":[1]}", 400,
                        "request.field"),
                Arguments.of("PUT", "/api/agent/visitors/{v}/tags", "{\"version\":0,\"tags\":[\"v\\u0007ip\"]}", 400,
                        "text.control-character"),
                Arguments.of("PUT", "/api/agent/conversations/{c}/workspace/tags", "{\"version\":0,\"tags\":[\""
                        + "t".repeat(500) + "\"]}", 400, "conversation.tag"),
                Arguments.of("POST", "/api/agent/conversations/{c}/option-menus", "{\"text\":\"q\",\"options\":\"A\"}",
                        400, "request.field"),
                Arguments.of("POST", "/api/agent/conversations/{c}/option-menus", "{\"text\":\"q\",\"options\":[1,2]}",
                        400, "request.field"),
                Arguments.of("POST", "/api/agent/conversations/{c}/option-menus", "{\"text\":\"q\",\"options\":[]}",
                        400, "message.options"),
                Arguments.of("POST", "/api/agent/conversations/{c}/option-menus",
                        "{\"text\":\"q\",\"options\":[\"A\",\"a\"]}", 400, "message.option-repeated"),
                Arguments.of("POST", "/api/agent/conversations/{c}/option-menus",
                        "{\"text\":\"q\",\"options\":[\"A\",\" \"]}", 400, "message.option"),
                Arguments.of("POST", "/api/agent/conversations/{c}/option-menus",
                        "{\"text\":\"q\",\"options\":[\"A\\u0007\",\"B\"]}", 400, "text.control-character"),
                Arguments.of("POST", "/api/agent/conversations/{c}/option-menus",
                        "{\"text\":\"\",\"options\":[\"A\",\"B\"]}", 400, "message.empty"),
                Arguments.of("POST", "/api/agent/canned-responses", "{\"title\":1,\"text\":\"t\"}", 400,
                        "request.field"),
                Arguments.of("POST", "/api/agent/canned-responses", "{\"title\":\"t\",\"text\":\"t\","
                        + "\"shortcut\":{\"a\":1}}", 400, "request.field"),
                Arguments.of("POST", "/api/agent/canned-responses", "{\"title\":\"t\",\"conversationId\":\"{c}\","
                        + "\"seq\":1}", 400, "request.field"),
                Arguments.of("PUT", "/api/agent/me/presence", "{\"presence\":\"ASLEEP\"}", 400, "agent.presence"),
                Arguments.of("PUT", "/api/agent/me/presence", "{\"presence\":5}", 400, "request.field"),
                Arguments.of("POST", "/api/agent/conversations/{c}/routing/transfer", "{}", 400, "transfer.target"),
                Arguments.of("POST", "/api/agent/conversations/{c}/routing/transfer",
                        "{\"agentId\":{me},\"inboxId\":{i}}", 400, "transfer.target"),
                Arguments.of("POST", "/api/agent/conversations/{c}/routing/assignment", "{\"agentId\":true}", 400,
                        "request.field"),
                Arguments.of("POST", "/api/agent/conversations/{c}/participants", "{\"agentId\":null}", 400,
                        "request.field"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("wrongFields")
    void aWrongFieldIsRefusedWithItsCodeOnEveryEndpointAndNothingIsStored(String method, String path, String body,
                                                                          int status, String code) throws Exception {
        var target = target();
        var before = adminView(target);
        var response = Http.send(method, node.appUrl() + target.fill(path, adminId()), adminToken,
                target.fill(body, adminId()));
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, json(response.body()).getString("code"), response.body());
        assertEquals(before, adminView(target), "nothing changed");
    }

    static Stream<Arguments> oddJson() {
        return Stream.of(
                Arguments.of("a byte order mark", "\uFEFF{\"title\":\"t\",\"text\":\"t\"}", "request.not-json"),
                Arguments.of("NaN", "{\"title\":\"t\",\"text\":\"t\",\"conversationId\":NaN}", "request.not-json"),
                Arguments.of("Infinity", "{\"title\":\"t\",\"text\":\"t\",\"seq\":Infinity}", "request.not-json"),
                Arguments.of("single quotes", "{'title':'t','text':'t'}", "request.not-json"),
                Arguments.of("a comment", "{\"title\":\"t\",/* x */\"text\":\"t\"}", "request.not-json"),
                Arguments.of("a trailing comma", "{\"title\":\"t\",\"text\":\"t\",}", "request.not-json"),
                Arguments.of("an unquoted key", "{title:\"t\",\"text\":\"t\"}", "request.not-json"),
                Arguments.of("a bad escape", "{\"title\":\"\\x41\",\"text\":\"t\"}", "request.not-json"),
                Arguments.of("a short unicode escape", "{\"title\":\"\\u12\",\"text\":\"t\"}", "request.not-json"),
                Arguments.of("a raw line break in a string", "{\"title\":\"a\nb\",\"text\":\"t\"}",
                        "request.not-json"),
                Arguments.of("an object then garbage", "{\"title\":\"t\",\"text\":\"t\"} x", "request.not-json"),
                Arguments.of("a NUL byte after the object", "{\"title\":\"t\",\"text\":\"t\"}\u0000",
                        "request.not-json"),
                Arguments.of("a number with a leading zero", "{\"title\":\"t\",\"text\":\"t\",\"seq\":01}",
                        "request.not-json"),
                Arguments.of("a fraction as conversationId", "{\"title\":\"t\",\"conversationId\":1.25,\"seq\":1}",
                        "request.field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddJson")
    void jsonOnlyAStrictParserWouldTakeIsRefusedAndNothingIsStored(String what, String body, String code)
            throws Exception {
        var before = cannedCount();
        var response = Http.send("POST", node.appUrl() + "/api/agent/canned-responses", adminToken, body);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(code, json(response.body()).getString("code"), response.body());
        assertEquals(before, cannedCount());
    }

    @Test
    void aDuplicateKeyIsRefusedOrTheLastOneWinsButNeverBoth() throws Exception {
        var shortcut = "d" + UUID.randomUUID().toString().substring(0, 8);
        var response = Http.send("POST", node.appUrl() + "/api/agent/canned-responses", adminToken,
                "{\"title\":\"first\",\"title\":\"second\",\"shortcut\":\"" + shortcut + "\",\"text\":\"t\"}");
        if (response.statusCode() == 201) {
            assertEquals("second", json(response.body()).getString("title"), response.body());
        } else {
            assertEquals(400, response.statusCode(), response.body());
            assertEquals("request.not-json", json(response.body()).getString("code"), response.body());
        }
    }

    @Test
    void aWholeNumberBeyondLongIsRefusedNotWrapped() throws Exception {
        var target = target();
        var before = adminView(target);
        var response = Http.send("POST", node.appUrl() + "/api/agent/canned-responses", adminToken,
                "{\"title\":\"t\",\"conversationId\":" + target.conversation() + ",\"seq\":1" + "0".repeat(400) + "}");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("request.field", json(response.body()).getString("code"), response.body());
        assertEquals(before, adminView(target), "nothing changed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/octet-stream", "application/x-java-serialized-object"})
    void aBodyOfAnotherTypeIsRefusedWith415AndACode(String type) throws Exception {
        var before = cannedCount();
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(node.appUrl() + "/api/agent/canned-responses"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"t\",\"text\":\"t\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode(), response.body());
        assertEquals("request.unsupported-media-type", json(response.body()).getString("code"), response.body());
        assertEquals(before, cannedCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=x", "size=abc", "page=-1", "size=100000", "size=0", "status=FOO", "channel=FAX",
            "lastMessageAfter=yesterday", "lastMessageBefore=2026-13-45T00:00:00Z", "inbox=1e3", "inbox=%00",
            "sort=random", "assignee=someone", "page=99999999999999999999", "customerTag=gold", "customerTag=0",
            "customerTag=99999999999999999999", "customerTag=9223372036854775807", "customerTags=some",
            "customerTags=none&customerTag=1", "customerTags=none&customerTagsPinned=true", "customerTagsPinned=maybe",
            "customerTag=1&customerTag=2&customerTag=3&customerTag=4&customerTag=5&customerTag=6&customerTag=7"
                    + "&customerTag=8&customerTag=9&customerTag=10&customerTag=11"})
    void aWrongListParameterIsRefusedWithACode(String query) throws Exception {
        var response = Http.get(node.appUrl() + "/api/agent/conversations?" + query, adminToken);
        assertEquals(400, response.statusCode(), query + ": " + response.body());
        var code = json(response.body()).getString("code");
        assertTrue(code.equals("request.parameter") || code.startsWith("conversations."), query + ": " + code);
    }

    // -- attachments ------------------------------------------------------------------------------------------------

    static Stream<Arguments> brokenUploads() {
        return Stream.of(
                Arguments.of("no boundary", "multipart/form-data", "--b\r\n\r\nx\r\n--b--\r\n", 400,
                        "request.bad-request"),
                Arguments.of("never closed", "multipart/form-data; boundary=b",
                        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc", 400,
                        "request.bad-request"),
                Arguments.of("an unknown part", "multipart/form-data; boundary=b",
                        "--b\r\nContent-Disposition: form-data; name=\"evil\"\r\n\r\nabc\r\n--b--\r\n", 400,
                        "upload.part"),
                Arguments.of("an empty body", "multipart/form-data; boundary=b", "", 411, "upload.length-required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenUploads")
    void aBrokenUploadIsRefusedWithACodeAndNothingIsStored(String what, String type, String body, int status,
                                                          String code) throws Exception {
        var target = target();
        var before = adminView(target);
        var response = upload(target, type, body);
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, json(response.body()).getString("code"), response.body());
        assertEquals(before, adminView(target), "nothing changed");
    }

    static Stream<Arguments> uploadsThatFailBadly() {
        return Stream.of(
                Arguments.of("no parts", "multipart/form-data; boundary=b", "--b--\r\n"),
                Arguments.of("not multipart at all", "multipart/form-data; boundary=b", "this is not multipart"),
                Arguments.of("a part without a name", "multipart/form-data; boundary=b",
                        "--b\r\nContent-Type: text/plain\r\n\r\nabc\r\n--b--\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uploadsThatFailBadly")
    void anUploadWithoutUsableNamedPartsIsRefusedWithACode(String what, String type, String body) throws Exception {
        var target = target();
        var before = adminView(target);
        var response = upload(target, type, body);
        assertEquals(400, response.statusCode(), response.body());
        var code = json(response.body()).getString("code");
        assertTrue(code.startsWith("upload.") || code.startsWith("request."), response.body());
        assertEquals(before, adminView(target), "nothing changed");
    }

    private static HttpResponse<String> upload(Target target, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.appUrl() + "/api/agent/conversations/"
                        + target.conversation() + "/attachments"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // -- what the server answers besides the API ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"GET /nope", "GET /switchboard/nope", "GET /switchboard/WEB-INF/web.xml",
            "GET /switchboard/META-INF/MANIFEST.MF", "GET /switchboard/WEB-INF/classes/",
            "GET /switchboard/admin/../WEB-INF/web.xml", "GET /switchboard/%2e%2e/%2e%2e/etc/passwd",
            "GET /switchboard/..%2f..%2fetc%2fpasswd", "GET /switchboard/admin/nope.xhtml",
            "GET /switchboard/index.html%00.jsp", "GET /switchboard/%c0%ae%c0%ae/etc/passwd",
            "TRACE /switchboard/", "TRACE /switchboard/api/agent/me", "TRACE /",
            "PROPFIND /switchboard/", "DELETE /switchboard/index.html", "PUT /switchboard/evil.jsp",
            "GET /switchboard/api/agent/me", "GET /switchboard/ws/agent", "BREW /switchboard/",
            "GET /switchboard/admin/signin.xhtml?jakarta.faces.resource=../../WEB-INF/web.xml",
            "GET /switchboard/jakarta.faces.resource/../WEB-INF/web.xml.xhtml"})
    void anyOtherRequestIsAnsweredWithoutEchoNorExceptionNorProductName(String request) throws Exception {
        var response = raw(request + " HTTP/1.1\r\nHost: 127.0.0.1:" + node.httpPort
                + "\r\nX-Probe: hostile-echo-marker\r\nConnection: close\r\n\r\n");
        var status = Integer.parseInt(response.substring(9, 12));
        assertTrue(status < 500 || status == 501, request + " -> " + status + "\n" + response);
        assertTrue(!response.contains("hostile-echo-marker"), "nothing echoed: " + response);
        assertTrue(!response.contains("Exception") && !response.contains("Payara") && !response.contains("GlassFish")
                && !response.contains("Grizzly") && !response.contains("\tat "), response);
        assertTrue(!response.contains("<web-app") && !response.contains("root:"), response);
        assertTrue(response.lines().noneMatch(line -> line.regionMatches(true, 0, "Server:", 0, 7)), response);
    }

    @ParameterizedTest
    @ValueSource(ints = {16 * 1024, 64 * 1024, 1024 * 1024})
    void anOversizedHeaderIsRefusedPlainly(int size) throws Exception {
        String response;
        try {
            response = raw("GET /switchboard/index.html HTTP/1.1\r\nHost: 127.0.0.1:" + node.httpPort
                    + "\r\nX-Big: " + "b".repeat(size) + "\r\nConnection: close\r\n\r\n");
        } catch (java.net.SocketException e) {
            response = "";  // the server closed the connection without reading it all: refused too
        }
        if (!response.isEmpty()) {
            var status = Integer.parseInt(response.substring(9, 12));
            assertTrue(status == 400 || status == 413 || status == 431 || status == 200, response);
            assertTrue(!response.contains("Exception") && !response.contains("Payara"), response);
        }
        assertEquals(200, Http.get(node.baseUrl() + "/health/ready").statusCode());
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        var response = raw("HEAD /switchboard/index.html HTTP/1.1\r\nHost: 127.0.0.1:" + node.httpPort
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.endsWith("\r\n\r\n"), "no body: " + response);
    }

    // -- more poison on the legacy systems' queue ------------------------------------------------------------------

    static Stream<Arguments> poisonTexts() {
        var v = "{\"externalId\":\"v-1\"}";
        return Stream.of(
                Arguments.of("", "inbound.not-json"),
                Arguments.of("   ", "inbound.not-json"),
                Arguments.of("[]", "inbound.not-json"),
                Arguments.of("\"visitor.message\"", "inbound.not-json"),
                Arguments.of("{\"type\":\"visitor.message\"", "inbound.not-json"),
                Arguments.of("{} {}", "inbound.not-json"),
                Arguments.of("{}", "inbound.type-missing"),
                Arguments.of("{\"type\":5,\"externalId\":\"{x}\"}", "inbound.type-missing"),
                Arguments.of("{\"type\":\"visitor.delete\",\"externalId\":\"{x}\"}", "inbound.type-unknown"),
                Arguments.of("{\"type\":\"visitor.message\",\"inbox\":\"support\",\"visitor\":" + v
                        + ",\"text\":\"hi\"}", "inbound.external-id"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"" + "e".repeat(101) + "\","
                        + "\"inbox\":\"support\",\"visitor\":" + v + ",\"text\":\"hi\"}", "inbound.external-id"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":42,\"inbox\":\"support\",\"visitor\":"
                        + v + ",\"text\":\"hi\"}", "inbound.external-id"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"  \",\"inbox\":\"support\",\"visitor\":"
                        + v + ",\"text\":\"hi\"}", "inbound.external-id"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\\n\",\"inbox\":\"support\","
                        + "\"visitor\":" + v + ",\"text\":\"hi\"}", "text.control-character"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\\u200e\",\"inbox\":\"support\","
                        + "\"visitor\":" + v + ",\"text\":\"hi\"}", "text.control-character"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"inbox\":\"support\","
                        + "\"visitor\":{\"externalId\":\"v\\u0000\"},\"text\":\"hi\"}", "text.control-character"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"inbox\":\"support\","
                        + "\"visitor\":" + v + ",\"text\":\"bell\\u0007\"}", "text.control-character"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"inbox\":\"no-such-inbox\","
                        + "\"visitor\":" + v + ",\"text\":\"hi\"}", "inbox.unknown"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"inbox\":7,"
                        + "\"visitor\":" + v + ",\"text\":\"hi\"}", "inbound.inbox"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"visitor\":" + v
                        + ",\"text\":\"hi\"}", "inbound.target"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"inbox\":\"support\","
                        + "\"text\":\"hi\"}", "inbound.target"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"inbox\":\"support\","
                        + "\"visitor\":\"v-1\",\"text\":\"hi\"}", "inbound.visitor"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"inbox\":\"support\","
                        + "\"visitor\":" + v + ",\"text\":5}", "inbound.text"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"inbox\":\"support\","
                        + "\"visitor\":" + v + ",\"text\":\"\"}", "message.empty"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"inbox\":\"support\","
                        + "\"visitor\":" + v + ",\"text\":\"" + "x".repeat(2_001) + "\"}", "message.too-long"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"inbox\":\"support\","
                        + "\"visitor\":{\"externalId\":\"v-1\",\"email\":\"not an address\"},\"text\":\"hi\"}",
                        "visitor.email"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"inbox\":\"support\","
                        + "\"visitor\":{\"externalId\":\"v-1\",\"name\":\"" + "n".repeat(101) + "\"},\"text\":\"hi\"}",
                        "visitor.name"),
                Arguments.of("{\"type\":\"system.message\",\"externalId\":\"{x}\",\"conversationId\":987654321,"
                        + "\"text\":\"hi\"}", "conversation.unknown"),
                Arguments.of("{\"type\":\"system.message\",\"externalId\":\"{x}\",\"conversationId\":\"1\","
                        + "\"text\":\"hi\"}", "inbound.conversation-id"),
                Arguments.of("{\"type\":\"system.message\",\"externalId\":\"{x}\",\"inbox\":\"support\","
                        + "\"visitor\":{\"externalId\":\"never-seen-{x}\"},\"text\":\"hi\"}", "inbound.visitor-unknown"),
                Arguments.of("{\"type\":\"system.message\",\"externalId\":\"{x}\",\"text\":\"hi\"}", "inbound.target"),
                Arguments.of("{\"type\":\"conversation.close\",\"externalId\":\"{x}\",\"conversationId\":1,"
                        + "\"inbox\":\"support\",\"visitor\":" + v + "}", "inbound.target"),
                Arguments.of("{\"type\":\"conversation.close\",\"externalId\":\"{x}\",\"conversationId\":1.5}",
                        "inbound.conversation-id"),
                // An id is never repaired: ids that differ only in their unpaired halves would become one.
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\\ud800\",\"inbox\":\"support\","
                        + "\"visitor\":" + v + ",\"text\":\"hi\"}", "text.control-character"),
                Arguments.of("{\"type\":\"visitor.message\",\"externalId\":\"{x}\",\"inbox\":\"support\","
                        + "\"visitor\":{\"externalId\":\"v-\\udc00\"},\"text\":\"hi\"}", "text.control-character"));
    }

    @ParameterizedTest
    @MethodSource("poisonTexts")
    void aPoisonTextMessageIsDeadLetteredWithItsReasonAndNothingIsStored(String body, String reason)
            throws Exception {
        var before = conversationTotal();
        var batch = UUID.randomUUID().toString();
        var dead = deadLetter(batch, session -> session.createTextMessage(body.replace("{x}", batch)));
        assertEquals(reason, dead.getStringProperty(Destinations.REASON_PROPERTY).split(":")[0],
                dead.getStringProperty(Destinations.REASON_PROPERTY));
        assertEquals(before, conversationTotal(), "no conversation was opened");
    }

    static Stream<Arguments> messagesOfOtherKinds() {
        var json = "{\"type\":\"visitor.message\",\"externalId\":\"k-1\",\"inbox\":\"support\","
                + "\"visitor\":{\"externalId\":\"v-1\"},\"text\":\"hi\"}";
        return Stream.of(
                Arguments.of("BytesMessage", (PoisonMaker) session -> {
                    var bytes = session.createBytesMessage();
                    bytes.writeBytes(json.getBytes(StandardCharsets.UTF_8));
                    return bytes;
                }),
                Arguments.of("MapMessage", (PoisonMaker) session -> {
                    var map = session.createMapMessage();
                    map.setString("type", "visitor.message");
                    return map;
                }),
                Arguments.of("ObjectMessage", (PoisonMaker) session -> session.createObjectMessage(
                        new java.util.ArrayList<>(List.of(json)))),
                Arguments.of("StreamMessage", (PoisonMaker) session -> {
                    var stream = session.createStreamMessage();
                    stream.writeString(json);
                    return stream;
                }),
                Arguments.of("Message", (PoisonMaker) Session::createMessage));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messagesOfOtherKinds")
    void aMessageThatIsNotTextIsDeadLetteredUnread(String kind, PoisonMaker maker) throws Exception {
        var before = conversationTotal();
        var dead = deadLetter(UUID.randomUUID().toString(), maker);
        assertEquals("inbound.not-text", dead.getStringProperty(Destinations.REASON_PROPERTY).split(":")[0]);
        assertEquals(kind, dead.getStringProperty("switchboard_original_type"));
        assertEquals(before, conversationTotal(), "no conversation was opened");
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
    /** A conversation of the support inbox, made for the probes that name one, and who is behind it. */
    private record Target(long conversation, long visitor, long inbox, String token) {
        String fill(String template, long me) {
            return template == null ? null : template.replace("{c}", Long.toString(conversation))
                    .replace("{v}", Long.toString(visitor)).replace("{i}", Long.toString(inbox))
                    .replace("{me}", Long.toString(me));
        }
    }

    private record Agent(long id, String token) {
    }

    private static Target target;
    private static Agent plainAgent;
    private static Long adminId;

    private static synchronized Target target() throws Exception {
        if (target == null) {
            try (var visitor = visitor(null)) {
                var token = visitor.next("welcome", WAIT).getString("visitorToken");
                var conversation = visitor.send(say("the probes' target")).next("message.accepted", WAIT)
                        .getJsonNumber("conversationId").longValue();
                var list = json(Http.get(node.appUrl() + "/api/agent/conversations?size=100", adminToken).body());
                var line = list.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                        .filter(item -> item.getJsonNumber("id").longValue() == conversation).findFirst().orElseThrow();
                target = new Target(conversation, line.getJsonNumber("visitorId").longValue(),
                        line.getJsonNumber("inboxId").longValue(), token);
            }
        }
        return target;
    }

    /** An agent with the role AGENT only, a member of no inbox. */
    private static synchronized Agent plainAgent() throws Exception {
        if (plainAgent == null) {
            var email = "plain." + UUID.randomUUID().toString().substring(0, 8) + "@hostile.example.com";
            var created = Http.send("POST", node.appUrl() + "/api/agent/agents", adminToken, Json.createObjectBuilder()
                    .add("email", email).add("name", "Plain").add("password", "a plain agent's password")
                    .add("roles", Json.createArrayBuilder().add("AGENT")).build().toString());
            assertEquals(201, created.statusCode(), created.body());
            plainAgent = new Agent(json(created.body()).getJsonNumber("agentId").longValue(),
                    node.signIn(email, "a plain agent's password"));
        }
        return plainAgent;
    }

    private static synchronized long adminId() throws Exception {
        if (adminId == null) {
            adminId = json(Http.get(node.appUrl() + "/api/agent/me", adminToken).body()).getJsonNumber("agentId")
                    .longValue();
        }
        return adminId;
    }

    /** What the admin sees of the target and the installation's settings, to compare before and after a probe. */
    private static String adminView(Target target) throws Exception {
        var view = new StringBuilder();
        for (var path : List.of("/api/agent/visitors/" + target.visitor(),
                "/api/agent/conversations/" + target.conversation() + "/participants",
                "/api/agent/conversations/" + target.conversation() + "/attachments",
                "/api/agent/blocks", "/api/agent/me", "/api/agent/inboxes/" + target.inbox() + "/identity-secret")) {
            var response = Http.get(node.appUrl() + path, adminToken);
            // The visitor's lastSeenAt moves whenever they reconnect, as the view's own replay does.
            view.append(path).append(' ').append(response.statusCode()).append(' ')
                    .append(response.body().replaceAll("\"lastSeenAt\":\"[^\"]*\"", "")).append('\n');
        }
        var inboxes = Json.createReader(new StringReader(Http.get(node.appUrl() + "/api/agent/inboxes", adminToken)
                .body())).readArray();
        for (var inbox : inboxes.getValuesAs(JsonObject.class)) {
            view.append(inbox.getString("name")).append(' ').append(inbox.getString("assignmentMode"))
                    .append(inbox.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                            .map(m -> m.get("agentId") + "/" + m.get("capacity")).toList()).append('\n');
        }
        var list = json(Http.get(node.appUrl() + "/api/agent/conversations?size=100", adminToken).body());
        view.append("total ").append(list.getInt("total")).append('\n');
        list.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getJsonNumber("id").longValue() == target.conversation())
                .forEach(item -> view.append(item.get("status")).append(' ').append(item.get("assigneeId"))
                        .append(' ').append(item.get("tags")).append(' ').append(item.get("lastMessage")));
        if (plainAgent != null) {
            view.append(Http.get(node.appUrl() + "/api/agent/me/blocks", plainAgent.token()).body());
        }
        view.append(cannedCount()).append(replay(target.token(), target.conversation()));
        return view.toString();
    }

    private static int conversationTotal() throws Exception {
        var response = Http.get(node.appUrl() + "/api/agent/conversations", adminToken);
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body()).getInt("total");
    }

    /** A message the test makes for the inbound queue. */
    @FunctionalInterface
    interface PoisonMaker {
        jakarta.jms.Message make(Session session) throws jakarta.jms.JMSException;
    }

    /** Sends the message to the inbound queue and returns its dead letter, which must come at once. */
    private static jakarta.jms.Message deadLetter(String batch, PoisonMaker maker) throws Exception {
        var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
        try (var connection = factory.createConnection()) {
            var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var consumer = session.createConsumer(session.createQueue(Destinations.INBOUND_DLQ),
                    "batch = '" + batch + "'");
            connection.start();
            var poison = maker.make(session);
            poison.setStringProperty("batch", batch);
            session.createProducer(session.createQueue(Destinations.INBOUND)).send(poison);
            var dead = consumer.receive(WAIT.toMillis());
            assertTrue(dead != null, "the poison message reaches the dead-letter queue");
            assertEquals(1, dead.getIntProperty("JMSXDeliveryCount"), "refused at once, never redelivered");
            return dead;
        }
    }

    /** A request written by hand, sent whole; the answer as the server wrote it. */
    private static String raw(String request) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", node.httpPort)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
