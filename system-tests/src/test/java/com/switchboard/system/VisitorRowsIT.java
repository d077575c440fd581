package com.switchboard.system;

import static com.switchboard.system.FirstPathIT.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.MariaDb;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import com.switchboard.system.support.SocketClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A visitor gets a row only when they first act (issue 19): sockets, reloads, page views, typing and pings of a
 * visitor who never writes leave the visitor table as it was; their first message makes one row with the page
 * they were on, also when two tabs write their first message at once; a token the installation did not issue is
 * replaced as an unknown one always was; and a network block closes the sockets of visitors without rows too.
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class VisitorRowsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PROTOCOL = "switchboard.v1";

    @Test
    void socketsReloadsPagesAndTypingStoreNothingUntilTheFirstMessageMakesOneRowWithThePage(Instance switchboard)
            throws Exception {
        long before = count("SELECT COUNT(*) FROM visitor");
        var tokens = new ArrayList<String>();
        var open = new ArrayList<SocketClient>();
        try {
            for (int i = 0; i < 30; i++) {
                var visitor = track(open, visitor(switchboard, null));
                var welcome = visitor.next("welcome", WAIT);
                assertFalse(welcome.containsKey("conversation"), welcome.toString());
                tokens.add(welcome.getString("visitorToken"));
                visitor.send(frame("page.view").add("url", "https://shop.example/p/" + i).add("title", "Product " + i)
                        .add("userAgent", "SystemTest/" + i).build()).next("page.recorded", WAIT);
                // Typing, or naming a conversation otherwise, stores nothing either: a visitor without a row has none.
                assertEquals("conversation.unknown", visitor.send(frame("typing").add("conversationId", 1)
                        .add("typing", true).build()).next("error", WAIT).getString("code"));
                assertEquals("pong", visitor.send(frame("ping").build()).next("pong", WAIT).getString("type"));
                assertEquals("conversation.unknown", visitor.send(frame("receipt").add("conversationId", 1)
                        .add("status", "READ").add("upToSeq", 1).build()).next("error", WAIT).getString("code"));
            }
            assertEquals(30, new HashSet<>(tokens).size(), "a token of its own for each new visitor");
            // Reloads: the same token comes back, still without a conversation, and still with no row.
            for (int i = 0; i < 10; i++) {
                var again = track(open, visitor(switchboard, tokens.get(0)));
                var welcome = again.next("welcome", WAIT);
                assertEquals(tokens.get(0), welcome.getString("visitorToken"));
                assertFalse(welcome.containsKey("conversation"), welcome.toString());
                assertEquals("conversation.unknown", again.send(frame("resume").add("conversationId", 1)
                        .add("afterSeq", 0).build()).next("error", WAIT).getString("code"));
            }
            assertEquals(before, count("SELECT COUNT(*) FROM visitor"), "no rows for visitors who did not write");
            for (var token : tokens) {
                assertEquals(0, count("SELECT COUNT(*) FROM visitor WHERE token = ?", token), token);
            }

            // The first message: one row, with where the visitor was (the page of their last page view).
            try (var reloaded = visitor(switchboard, tokens.get(0))) {
                reloaded.next("welcome", WAIT);
                reloaded.send(frame("page.view").add("url", "https://shop.example/checkout").add("title", "Checkout")
                        .add("userAgent", "SystemTest/checkout").build()).next("page.recorded", WAIT);
                var accepted = reloaded.send(frame("message.send").add("text", "where is my parcel?")
                        .add("clientId", "first").build()).next("message.accepted", WAIT);
                assertEquals(1, accepted.getJsonNumber("seq").longValue());
                assertEquals(before + 1, count("SELECT COUNT(*) FROM visitor"));
                assertEquals(List.of("127.0.0.1", "https://shop.example/checkout", "Checkout", "SystemTest/checkout"),
                        row("SELECT ip_address, page_url, page_title, user_agent FROM visitor WHERE token = ?",
                                tokens.get(0)));
                // The socket now is the visitor's: their own message comes back as any tab's, and a reload finds it.
                long conversation = accepted.getJsonNumber("conversationId").longValue();
                assertEquals("VISITOR", nextOf(reloaded, "message.created", conversation).getString("author"));
                try (var later = visitor(switchboard, tokens.get(0))) {
                    assertEquals(conversation, later.next("welcome", WAIT).getJsonObject("conversation")
                            .getJsonNumber("conversationId").longValue());
                }
            }
            assertEquals(before + 1, count("SELECT COUNT(*) FROM visitor"));
        } finally {
            open.forEach(SocketClient::close);
        }
    }

    @Test
    void twoTabsWritingTheirFirstMessageAtOnceMakeOneRowAndOneConversation(Instance switchboard) throws Exception {
        for (int round = 0; round < 5; round++) {
            String token;
            try (var first = visitor(switchboard, null)) {
                token = first.next("welcome", WAIT).getString("visitorToken");
            }
            try (var a = visitor(switchboard, token); var b = visitor(switchboard, token);
                 var idle = visitor(switchboard, token)) {
                a.next("welcome", WAIT);
                b.next("welcome", WAIT);
                idle.next("welcome", WAIT);
                var start = new CountDownLatch(1);
                var answers = List.of(firstMessage(a, "from tab a", start), firstMessage(b, "from tab b", start));
                start.countDown();
                var conversations = new HashSet<Long>();
                var seqs = new HashSet<Long>();
                for (var answer : answers) {
                    var accepted = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    assertEquals("message.accepted", accepted.getString("type"), accepted.toString());
                    conversations.add(accepted.getJsonNumber("conversationId").longValue());
                    seqs.add(accepted.getJsonNumber("seq").longValue());
                }
                assertEquals(1, conversations.size(), "one conversation: " + conversations);
                assertEquals(Set.of(1L, 2L), seqs);
                assertEquals(1, count("SELECT COUNT(*) FROM visitor WHERE token = ?", token));
                assertEquals(1, count("SELECT COUNT(*) FROM conversation c JOIN visitor v ON v.id = c.visitor_id"
                        + " WHERE v.token = ?", token));
                // The tab that only watched is the visitor's now too: it sees what comes next live.
                long conversation = conversations.iterator().next();
                var third = a.send(frame("message.send").add("text", "anyone?").build()).next("message.accepted", WAIT);
                assertEquals(3, third.getJsonNumber("seq").longValue());
                var live = nextOf(idle, "message.created", conversation);
                while (live.getJsonNumber("seq").longValue() < 3) {
                    live = nextOf(idle, "message.created", conversation);   // the second first message, maybe
                }
                assertEquals(3, live.getJsonNumber("seq").longValue());
            }
        }
    }

    @Test
    void aTokenTheInstallationDidNotIssueIsReplacedAndNeverStored(Instance switchboard) throws Exception {
        String issued;
        try (var visitor = visitor(switchboard, null)) {
            issued = visitor.next("welcome", WAIT).getString("visitorToken");
        }
        // The same shape, another signature; and a random token of the old kind that has no row.
        var forged = issued.substring(0, 23) + (issued.charAt(23) == 'A' ? "B" : "A") + issued.substring(24);
        for (var unknown : List.of(forged, "x".repeat(43))) {
            try (var visitor = visitor(switchboard, unknown)) {
                var token = visitor.next("welcome", WAIT).getString("visitorToken");
                assertNotEquals(unknown, token, "an unknown token is replaced");
                assertEquals(1, visitor.send(frame("message.send").add("text", "hello").build())
                        .next("message.accepted", WAIT).getJsonNumber("seq").longValue());
                assertEquals(1, count("SELECT COUNT(*) FROM visitor WHERE token = ?", token));
            }
            // Nor does it make a row where no socket replaces it: an upload is refused as from an unknown visitor.
            var upload = upload(switchboard, unknown, "a file from nowhere");
            assertEquals(403, upload.statusCode(), upload.body());
            assertEquals("visitor.unknown", json(upload.body()).getString("code"));
            assertEquals(0, count("SELECT COUNT(*) FROM visitor WHERE token = ?", unknown));
        }
        // An issued token's first act may be an upload: it makes the row, with the address it came from.
        var upload = upload(switchboard, issued, "my receipt");
        assertEquals(201, upload.statusCode(), upload.body());
        assertEquals(List.of("127.0.0.1"), row("SELECT ip_address FROM visitor WHERE token = ?", issued));
    }

    /** A message with one small text file, through the widget's upload. */
    private static HttpResponse<String> upload(Instance switchboard, String token, String text) throws Exception {
        var boundary = "----switchboard" + UUID.randomUUID();
        var body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n" + text + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.txt\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nplain words\r\n--" + boundary + "--\r\n";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(switchboard.appUrl() + "/api/visitor/attachments?inbox=support"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-Visitor-Token", token).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNetworkBlockClosesTheSocketsOfVisitorsWhoHaveNotWritten(Instance switchboard) throws Exception {
        var address = networkAddress();
        assumeTrue(address != null, "a network address of this machine besides loopback");
        var admin = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        var wsUrl = switchboard.wsUrl().replace("127.0.0.1", address).replace("localhost", address);
        long before = count("SELECT COUNT(*) FROM visitor");
        Long blockId = null;
        try (var fromThere = visitor(wsUrl, null); var fromLoopback = visitor(switchboard, null)) {
            var token = fromThere.next("welcome", WAIT).getString("visitorToken");
            fromLoopback.next("welcome", WAIT);
            var created = Http.send("POST", switchboard.appUrl() + "/api/agent/blocks", admin,
                    "{\"network\":\"" + address + "/32\",\"reason\":\"spam\",\"minutes\":60}");
            assertEquals(201, created.statusCode(), created.body());
            blockId = json(created.body()).getJsonNumber("blockId").longValue();

            assertEquals("visitor.blocked", fromThere.next("error", WAIT).getString("code"));
            assertEquals(1008, fromThere.closeCode(WAIT));
            try (var again = visitor(wsUrl, token)) {
                assertEquals("visitor.blocked", again.next("error", WAIT).getString("code"));
            }
            try (var fresh = visitor(wsUrl, null)) {
                assertEquals("visitor.blocked", fresh.next("error", WAIT).getString("code"));
            }
            assertEquals("pong", fromLoopback.send(frame("ping").build()).next("pong", WAIT).getString("type"),
                    "another network's socket stays open");
            assertEquals(before, count("SELECT COUNT(*) FROM visitor"));
        } finally {
            if (blockId != null) {
                var lifted = Http.send("DELETE", switchboard.appUrl() + "/api/agent/blocks/" + blockId, admin, null);
                assertEquals(200, lifted.statusCode(), lifted.body());
            }
        }
    }

    private static CompletableFuture<JsonObject> firstMessage(SocketClient tab, String text, CountDownLatch start) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
                var answer = tab.send(frame("message.send").add("text", text).add("clientId", text.replace(' ', '-'))
                        .build()).next(WAIT);
                while (!Set.of("message.accepted", "error").contains(answer.getString("type"))) {
                    answer = tab.next(WAIT);
                }
                return answer;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static SocketClient visitor(Instance switchboard, String token) {
        return visitor(switchboard.wsUrl(), token);
    }

    private static SocketClient visitor(String wsUrl, String token) {
        return SocketClient.connect(wsUrl + "/ws/visitor?inbox=support"
                + (token == null ? "" : "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)),
                SharedSwitchboard.SHOP_ORIGIN, PROTOCOL);
    }

    private static SocketClient track(List<SocketClient> open, SocketClient socket) {
        open.add(socket);
        return socket;
    }

    private static JsonObjectBuilder frame(String type) {
        return Json.createObjectBuilder().add("type", type);
    }

    private static JsonObject nextOf(SocketClient socket, String type, long conversation) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var frame = socket.poll(Duration.ofMillis(200));
            if (frame != null && type.equals(frame.getString("type", "")) && frame.containsKey("conversationId")
                    && frame.getJsonNumber("conversationId").longValue() == conversation) {
                return frame;
            }
        }
        throw new AssertionError("No " + type + " of conversation " + conversation + " within " + WAIT);
    }

    /** An IPv4 address of this machine other than loopback, or null. */
    private static String networkAddress() throws Exception {
        for (var nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (var address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address.getHostAddress();
                }
            }
        }
        return null;
    }

    private static long count(String sql, String... parameters) throws Exception {
        return Long.parseLong(row(sql, parameters).get(0));
    }

    private static List<String> row(String sql, String... parameters) throws Exception {
        try (var db = MariaDb.connect(SharedSwitchboard.DATABASE); var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                assertTrue(result.next(), "no row for " + sql);
                var values = new ArrayList<String>();
                for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                    values.add(result.getString(c));
                }
                return values;
            }
        }
    }
}
