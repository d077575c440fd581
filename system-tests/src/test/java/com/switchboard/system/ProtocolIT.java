package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.MariaDb;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import com.switchboard.system.support.SocketClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The real-time protocol (docs/PROTOCOL.md) over real sockets against the shared product: version, origin,
 * resume, idempotent sends, receipts, typing, tab sync, visitor notices and presence, limits and per-frame
 * authorization. The admin's socket sees every conversation (other tests' too), so frames are picked by
 * conversation.
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class ProtocolIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final String PROTOCOL = "switchboard.v1";

    @Test
    void theHandshakeSpeaksVersionOneAndRefusesForeignOrigins(Instance switchboard) throws Exception {
        var visitorUrl = switchboard.wsUrl() + "/ws/visitor?inbox=support";

        assertEquals(403, SocketClient.refusedHandshake(visitorUrl, "https://evil.example"));
        assertEquals(403, SocketClient.refusedHandshake(switchboard.wsUrl() + "/ws/agent?token=x",
                "https://shop.example.com.evil.example"));
        try (var fromShop = SocketClient.connect(visitorUrl, SharedSwitchboard.SHOP_ORIGIN, PROTOCOL);
             var ownPage = SocketClient.connect(visitorUrl, switchboard.process().baseUrl());
             var noBrowser = SocketClient.connect(visitorUrl, null)) {
            assertEquals(PROTOCOL, fromShop.subprotocol());
            assertEquals(PROTOCOL, fromShop.next("welcome", WAIT).getString("protocol"));
            assertEquals("", ownPage.subprotocol(), "no subprotocol offered, none chosen: version 1 all the same");
            assertEquals(PROTOCOL, ownPage.next("welcome", WAIT).getString("protocol"));
            noBrowser.next("welcome", WAIT);
            assertEquals("frame.version", noBrowser.sendRaw("{\"type\":\"ping\",\"v\":2,\"ref\":\"r1\"}")
                    .next("error", WAIT).getString("code"));
            assertEquals("pong", noBrowser.sendRaw("{\"type\":\"ping\",\"v\":1}").next(WAIT).getString("type"));
        }
    }

    @Test
    void resumeSendsExactlyWhatWasMissedOnceInOrderThenLiveEvents(Instance switchboard) throws Exception {
        try (var visitor = visitor(switchboard, null); var admin = admin(switchboard)) {
            var token = visitor.next("welcome", WAIT).getString("visitorToken");
            long conversation = send(visitor, "one", null).getJsonNumber("conversationId").longValue();
            send(visitor, "two", null);
            send(visitor, "three", null);
            var note = admin.send(frame("note.send").add("conversationId", conversation).add("text", "agents only")
                    .add("ref", "n1").build()).next("message.accepted", WAIT);
            assertEquals("n1", note.getString("ref"));
            assertEquals(4, note.getJsonNumber("seq").longValue());

            // A console that has seq 1 comes back: 2, 3 and the note, marked as replays, then "resumed".
            try (var tab = admin(switchboard)) {
                tab.send(frame("resume").add("conversationId", conversation).add("afterSeq", 1).build());
                var replay = replayOf(tab, conversation);
                assertEquals(List.of(2L, 3L, 4L), seqs(replay.entries()), replay.toString());
                assertTrue(replay.entries().stream().allMatch(f -> f.getBoolean("replay", false)), replay.toString());
                assertEquals("NOTE", replay.entries().get(2).getString("author"));
                assertEquals(4, replay.resumed().getJsonNumber("lastSeq").longValue());

                send(visitor, "four", null);
                var live = nextOf(tab, "message.created", conversation);
                assertEquals(5, live.getJsonNumber("seq").longValue());
                assertFalse(live.getBoolean("replay", false));
                assertNull(quietFor(tab, "message.created", conversation), "each entry once");
            }

            // The visitor reconnects: the welcome says where the conversation is, the replay has no note.
            visitor.close();
            try (var back = visitor(switchboard, token)) {
                var welcome = back.next("welcome", WAIT);
                assertEquals(conversation, welcome.getJsonObject("conversation").getJsonNumber("conversationId")
                        .longValue());
                assertEquals(5, welcome.getJsonObject("conversation").getJsonNumber("lastSeq").longValue());
                back.send(frame("resume").add("conversationId", conversation).add("afterSeq", 0).build());
                var replay = replayOf(back, conversation);
                assertEquals(List.of(1L, 2L, 3L, 5L), seqs(replay.entries()), "public entries only: " + replay);
            }
        }
    }

    @Test
    void aResentMessageWithTheSameClientIdIsStoredOnceAndAnsweredAsTheOriginal(Instance switchboard)
            throws Exception {
        var clientId = "c-" + UUID.randomUUID();
        try (var admin = admin(switchboard)) {
            JsonObject first;
            String token;
            try (var visitor = visitor(switchboard, null)) {
                token = visitor.next("welcome", WAIT).getString("visitorToken");
                first = send(visitor, "only once", clientId);
                assertFalse(first.getBoolean("duplicate"));
                assertEquals(clientId, first.getString("clientId"));
            }
            long conversation = first.getJsonNumber("conversationId").longValue();
            try (var visitor = visitor(switchboard, token)) {
                visitor.next("welcome", WAIT);
                var again = send(visitor, "only once", clientId);
                assertTrue(again.getBoolean("duplicate"));
                assertEquals(first.getJsonNumber("seq"), again.getJsonNumber("seq"));
                // As stored: MariaDB keeps whole seconds (docs/design/known-limits.md).
                assertEquals(Instant.parse(first.getString("at")).getEpochSecond(),
                        Instant.parse(again.getString("at")).getEpochSecond());
                assertEquals("message.client-id", visitor.send(frame("message.send").add("text", "x")
                        .add("clientId", "no spaces please").build()).next("error", WAIT).getString("code"));
            }
            var created = nextOf(admin, "message.created", conversation);
            assertEquals(clientId, created.getString("clientId"));
            assertNull(quietFor(admin, "message.created", conversation), "the resend published nothing");

            // The agent's sends are idempotent the same way.
            var reply = "r-" + UUID.randomUUID();
            var sent = admin.send(frame("message.send").add("conversationId", conversation).add("text", "hello")
                    .add("clientId", reply).build()).next("message.accepted", WAIT);
            var resent = admin.send(frame("message.send").add("conversationId", conversation).add("text", "hello")
                    .add("clientId", reply).build()).next("message.accepted", WAIT);
            assertEquals(sent.getJsonNumber("seq"), resent.getJsonNumber("seq"));
            assertTrue(resent.getBoolean("duplicate"));
        }
        assertEquals(1, count("SELECT COUNT(*) FROM message WHERE client_id = ?", clientId));
    }

    @Test
    void receiptsTypingAndTheAgentsOtherTabsFlowBothWays(Instance switchboard) throws Exception {
        try (var visitor = visitor(switchboard, null); var admin = admin(switchboard);
             var otherTab = admin(switchboard)) {
            visitor.next("welcome", WAIT);
            long conversation = send(visitor, "anyone there?", null).getJsonNumber("conversationId").longValue();
            long reply = admin.send(frame("message.send").add("conversationId", conversation).add("text", "Yes!")
                    .build()).next("message.accepted", WAIT).getJsonNumber("seq").longValue();

            // The visitor's own message comes back too (their other tabs need it), then the reply.
            assertEquals("VISITOR", nextOf(visitor, "message.created", conversation).getString("author"));
            var pushed = nextOf(visitor, "message.created", conversation);
            assertEquals("AGENT", pushed.getString("author"));
            assertEquals("Yes!", pushed.getString("text"));
            assertTrue(pushed.containsKey("agentName"));
            assertFalse(pushed.containsKey("participantIds"), "the visitor is not told who else sees it");

            visitor.send(frame("receipt").add("conversationId", conversation).add("status", "READ")
                    .add("upToSeq", reply).build());
            var read = nextStatus(admin, conversation, "AGENT");
            assertEquals("READ", read.getString("status"));
            assertEquals(reply, read.getJsonNumber("toSeq").longValue());

            admin.send(frame("receipt").add("conversationId", conversation).add("status", "READ")
                    .add("upToSeq", 1).build());
            assertEquals("READ", nextStatus(visitor, conversation, "VISITOR").getString("status"));
            assertEquals(1, nextOf(otherTab, "read.position", conversation).getJsonNumber("seq").longValue());
            assertNull(quietFor(admin, "read.position", conversation), "not back to the tab it came from");

            admin.send(frame("draft.save").add("conversationId", conversation).add("text", "Let me check").build());
            assertEquals("Let me check", nextOf(otherTab, "draft", conversation).getString("text"));

            visitor.send(frame("typing").add("conversationId", conversation).add("typing", true).build());
            var typing = nextOf(admin, "typing", conversation);
            assertEquals("VISITOR", typing.getString("author"));
            assertTrue(typing.getBoolean("typing"));
            admin.send(frame("typing").add("conversationId", conversation).add("typing", true).build());
            var agentTyping = nextOf(visitor, "typing", conversation);
            assertEquals("AGENT", agentTyping.getString("author"));
            assertFalse(agentTyping.containsKey("agentId"));

            // The visitor leaves without confirming the next reply: it failed, and the agents see why.
            admin.send(frame("message.send").add("conversationId", conversation).add("text", "Still there?")
                    .build()).next("message.accepted", WAIT);
            nextOf(visitor, "message.created", conversation);
            visitor.close();
            assertEquals("visitor.left", reasonOf(otherTab, conversation));

            // A console that reloads sees how far each message got, not "sent" for all of them.
            try (var reloaded = admin(switchboard)) {
                reloaded.send(frame("resume").add("conversationId", conversation).add("afterSeq", 0).build());
                var replay = replayOf(reloaded, conversation);
                assertEquals(List.of("READ", "READ", "FAILED"), replay.entries().stream()
                        .map(entry -> entry.getString("status")).toList(), replay.toString());
                assertEquals("visitor.left", replay.entries().get(2).getString("statusReason"));
            }
        }
    }

    @Test
    void everyFrameIsAuthorisedAtTheMomentItArrives(Instance switchboard) throws Exception {
        var email = "plain-" + UUID.randomUUID() + "@example.com";
        long plainId = createPlainAgent(email);
        var adminToken = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        try (var visitor = visitor(switchboard, null); var other = visitor(switchboard, null);
             var plain = switchboard.process().agentSocket(email, SharedSwitchboard.ADMIN_PASSWORD)) {
            visitor.next("welcome", WAIT);
            other.next("welcome", WAIT);
            long conversation = send(visitor, "private matter", null).getJsonNumber("conversationId").longValue();

            // An agent of no inbox sees nothing of it and may do nothing in it.
            assertNull(quietFor(plain, "message.created", conversation));
            assertEquals("conversation.not-yours", plain.send(frame("resume").add("conversationId", conversation)
                    .add("afterSeq", 0).build()).next("error", WAIT).getString("code"));
            assertEquals("conversation.not-yours", plain.send(frame("note.send").add("conversationId", conversation)
                    .add("text", "sneaky").build()).next("error", WAIT).getString("code"));
            // Nor may another visitor.
            assertEquals("conversation.unknown", other.send(frame("resume").add("conversationId", conversation)
                    .add("afterSeq", 0).add("ref", "x").build()).next("error", WAIT).getString("code"));
            assertEquals("conversation.unknown", other.send(frame("receipt").add("conversationId", conversation)
                    .add("status", "READ").add("upToSeq", 1).build()).next("error", WAIT).getString("code"));

            // Invited (from outside the inbox) they take part: events, resume, notes and replies.
            var api = switchboard.appUrl() + "/api/agent/conversations/" + conversation + "/participants";
            var invited = Http.send("POST", api, adminToken, "{\"agentId\":" + plainId + "}");
            assertEquals(201, invited.statusCode(), invited.body());
            send(visitor, "now with a colleague", null);
            assertEquals("INTERNAL", nextOf(plain, "message.created", conversation).getString("author"));
            assertEquals("now with a colleague", nextOf(plain, "message.created", conversation).getString("text"));
            plain.send(frame("resume").add("conversationId", conversation).add("afterSeq", 0).build());
            assertEquals(List.of(1L, 2L, 3L), seqs(replayOf(plain, conversation).entries()), "the invitation is 2");
            // The note's own message.created may come first: the answer and the event race after the commit.
            assertEquals(4, plain.send(frame("note.send").add("conversationId", conversation)
                    .add("text", "noted").build()).next("message.accepted", WAIT).getJsonNumber("seq").longValue());
            assertEquals(5, plain.send(frame("message.send").add("conversationId", conversation).add("text", "hi")
                    .build()).next("message.accepted", WAIT).getJsonNumber("seq").longValue());
            JsonObject reply;
            do {
                reply = nextOf(visitor, "message.created", conversation);
            } while (!"AGENT".equals(reply.getString("author")));
            assertEquals("hi", reply.getString("text"), "their reply reaches the visitor");

            // Removed again, the same socket loses it at once; the visitor, who read them, hears them go.
            var removed = Http.send("DELETE", api + "/" + plainId, adminToken, null);
            assertEquals(204, removed.statusCode(), removed.body());
            assertEquals(reply.getString("agentName"), nextOf(visitor, "participant.left", conversation)
                    .getString("agentName"), "under the name their reply carried");
            assertEquals("conversation.not-yours", plain.send(frame("note.send").add("conversationId", conversation)
                    .add("text", "still?").build()).next("error", WAIT).getString("code"));
            send(visitor, "without them", null);
            assertNull(quietFor(plain, "message.created", conversation));

            // Deleted: its visitor hears it at once; another visitor and an agent who may not read it do not.
            var deleted = Http.send("DELETE", switchboard.appUrl() + "/api/agent/conversations/" + conversation
                    + "/workspace", adminToken, null);
            assertEquals(204, deleted.statusCode(), deleted.body());
            nextOf(visitor, "conversation.deleted", conversation);
            assertNull(quietFor(other, "conversation.deleted", conversation));
            assertNull(quietFor(plain, "conversation.deleted", conversation));
        }
    }

    @Test
    void badFramesGetErrorFramesOversizedOnesCloseTheSocketAndFloodsAreThrottled(Instance switchboard)
            throws Exception {
        try (var visitor = visitor(switchboard, null)) {
            visitor.next("welcome", WAIT);
            var missing = visitor.send(frame("resume").add("afterSeq", 0).add("ref", "r-7").build())
                    .next("error", WAIT);
            assertEquals("request.field", missing.getString("code"));
            assertTrue(missing.getString("message").contains("conversationId"), missing.toString());
            assertEquals("r-7", missing.getString("ref"));
            assertEquals("request.field", visitor.send(frame("typing").add("conversationId", 1)
                    .add("typing", "yes").build()).next("error", WAIT).getString("code"));
            assertEquals("frame.invalid", visitor.sendRaw("{\"type\":").next("error", WAIT).getString("code"));

            // 60 frames at once: the burst goes through, the rest are refused with a time to wait.
            for (int i = 0; i < 60; i++) {
                visitor.sendRaw("{\"type\":\"ping\"}");
            }
            int pongs = 0;
            JsonObject limited = null;
            for (int i = 0; i < 60; i++) {
                var answer = visitor.next(WAIT);
                if ("pong".equals(answer.getString("type"))) {
                    pongs++;
                } else if ("rate.limited".equals(answer.getString("code", ""))) {
                    limited = answer;
                }
            }
            assertNotNull(limited, "a flood is throttled");
            assertTrue(limited.getJsonNumber("retryAfterMs").longValue() > 0, limited.toString());
            assertTrue(pongs >= 10 && pongs < 60, pongs + " pongs");
            Thread.sleep(limited.getJsonNumber("retryAfterMs").longValue() + 200);
            assertEquals("pong", visitor.sendRaw("{\"type\":\"ping\"}").next(WAIT).getString("type"),
                    "the socket stays usable");
        }
        try (var visitor = visitor(switchboard, null)) {
            visitor.next("welcome", WAIT);
            visitor.sendRaw("{\"type\":\"message.send\",\"text\":\"" + "x".repeat(64 * 1024) + "\"}");
            assertEquals(1009, visitor.closeCode(WAIT));
        }
    }

    @Test
    void theVisitorHearsWhoJoinsLeavesEndsAndArchivesTheChatAndTheWelcomeSaysWhoHoldsIt(Instance switchboard)
            throws Exception {
        var token = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        var api = switchboard.appUrl() + "/api/agent";
        var created = Http.send("POST", api + "/inboxes", token, "{\"name\":\"notices-" + UUID.randomUUID()
                + "\",\"assignmentMode\":\"MANUAL\"}");
        assertEquals(201, created.statusCode(), created.body());
        long elsewhere = Json.createReader(new StringReader(created.body())).readObject()
                .getJsonNumber("id").longValue();
        try (var visitor = visitor(switchboard, null); var admin = SocketClient.connect(switchboard.wsUrl()
                + "/ws/agent?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
            var me = admin.next("welcome", WAIT);
            var visitorToken = visitor.next("welcome", WAIT).getString("visitorToken");
            long conversation = send(visitor, "who is there?", null).getJsonNumber("conversationId").longValue();
            var routing = api + "/conversations/" + conversation + "/routing";

            var assigned = Http.send("POST", routing + "/assignment", token, "{\"agentId\":"
                    + me.getJsonNumber("agentId") + ",\"overCapacity\":true}");
            assertEquals(200, assigned.statusCode(), assigned.body());
            assertEquals(me.getString("name"), nextOf(visitor, "agent.joined", conversation).getString("agentName"));
            try (var tab = visitor(switchboard, visitorToken)) {
                var current = tab.next("welcome", WAIT).getJsonObject("conversation");
                assertEquals(me.getString("name"), current.getString("agentName"), current.toString());
            }

            var moved = Http.send("POST", routing + "/transfer", token, "{\"inboxId\":" + elsewhere + "}");
            assertEquals(200, moved.statusCode(), moved.body());
            var left = nextOf(visitor, "agent.left", conversation);
            assertFalse(left.containsKey("agentId"), "no agent ids for visitors: " + left);
            try (var tab = visitor(switchboard, visitorToken)) {
                var current = tab.next("welcome", WAIT).getJsonObject("conversation");
                assertFalse(current.containsKey("agentName"), "nobody holds it now: " + current);
            }

            var closed = Http.send("POST", api + "/conversations/" + conversation + "/workspace/close", token,
                    null);
            assertEquals(204, closed.statusCode(), closed.body());
            nextOf(visitor, "conversation.closed", conversation);
            assertNull(quietFor(visitor, "agent.left", conversation), "a closed chat has no holder news");

            var archived = Http.send("POST", api + "/conversations/" + conversation + "/workspace/archive", token,
                    null);
            assertEquals(204, archived.statusCode(), archived.body());
            nextOf(visitor, "conversation.archived", conversation);
            try (var tab = visitor(switchboard, visitorToken)) {
                var welcome = tab.next("welcome", WAIT);
                assertFalse(welcome.containsKey("conversation"), "nothing current after an archive: " + welcome);
            }
            var again = send(visitor, "me again", null);
            assertNotEquals(conversation, again.getJsonNumber("conversationId").longValue(), again.toString());
            assertEquals(1, again.getJsonNumber("seq").longValue(), "a new conversation's seqs start again");
        }
    }

    @Test
    void agentsSeeTheVisitorComeAndGoAndTheListSaysWhetherTheyAreThere(Instance switchboard) throws Exception {
        var token = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        var words = "still there " + UUID.randomUUID();
        var listed = switchboard.appUrl() + "/api/agent/conversations?text="
                + URLEncoder.encode(words, StandardCharsets.UTF_8);
        try (var admin = admin(switchboard)) {
            String visitorToken;
            long conversation;
            try (var visitor = visitor(switchboard, null)) {
                visitorToken = visitor.next("welcome", WAIT).getString("visitorToken");
                conversation = send(visitor, words, null).getJsonNumber("conversationId").longValue();
                assertTrue(visitorOnline(listed, token), "connected while chatting");
            }
            assertFalse(nextOf(admin, "visitor.presence", conversation).getBoolean("online"));
            assertFalse(visitorOnline(listed, token), "the list knows too");

            try (var back = visitor(switchboard, visitorToken)) {
                back.next("welcome", WAIT);
                assertTrue(nextOf(admin, "visitor.presence", conversation).getBoolean("online"));
                try (var secondTab = visitor(switchboard, visitorToken)) {
                    secondTab.next("welcome", WAIT);
                }
                assertNull(quietFor(admin, "visitor.presence", conversation), "the first tab is still open");
                assertTrue(visitorOnline(listed, token));
            }
            var gone = nextOf(admin, "visitor.presence", conversation);
            assertFalse(gone.getBoolean("online"));
            assertFalse(gone.containsKey("visitorId"), "no routing fields for clients: " + gone);
        }
    }

    private static boolean visitorOnline(String listUrl, String token) throws Exception {
        var response = Http.get(listUrl, token);
        assertEquals(200, response.statusCode(), response.body());
        var items = Json.createReader(new StringReader(response.body())).readObject().getJsonArray("items");
        assertEquals(1, items.size(), response.body());
        return items.getJsonObject(0).getBoolean("visitorOnline");
    }

    @Test
    void newVisitorsWritingTheirFirstMessagesAtTheSameMomentAreAllAccepted(Instance switchboard) throws Exception {
        int count = 12;
        var visitors = new ArrayList<SocketClient>();
        try {
            for (int i = 0; i < count; i++) {
                var visitor = visitor(switchboard, null);
                visitor.next("welcome", WAIT);
                visitors.add(visitor);
            }
            var start = new CountDownLatch(1);
            var answers = new ArrayList<CompletableFuture<JsonObject>>();
            for (int i = 0; i < count; i++) {
                var visitor = visitors.get(i);
                var text = "first of " + i;
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        return visitor.send(Json.createObjectBuilder().add("type", "message.send").add("text", text)
                                .add("clientId", "same-moment").build()).next(WAIT);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            start.countDown();
            for (var answer : answers) {
                var frame = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertEquals("message.accepted", frame.getString("type"), frame.toString());
            }
        } finally {
            for (var visitor : visitors) {
                visitor.close();
            }
        }
    }

    private static SocketClient visitor(Instance switchboard, String token) {
        return SocketClient.connect(switchboard.wsUrl() + "/ws/visitor?inbox=support"
                + (token == null ? "" : "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)),
                SharedSwitchboard.SHOP_ORIGIN, PROTOCOL);
    }

    private static SocketClient admin(Instance switchboard) throws Exception {
        return switchboard.process().agentSocket(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
    }

    private static JsonObject send(SocketClient visitor, String text, String clientId) throws InterruptedException {
        var frame = frame("message.send").add("text", text);
        if (clientId != null) {
            frame.add("clientId", clientId);
        }
        return visitor.send(frame.build()).next("message.accepted", WAIT);
    }

    private static jakarta.json.JsonObjectBuilder frame(String type) {
        return Json.createObjectBuilder().add("type", type);
    }

    private static boolean of(JsonObject frame, String type, long conversation) {
        return type.equals(frame.getString("type", "")) && frame.containsKey("conversationId")
                && frame.getJsonNumber("conversationId").longValue() == conversation;
    }

    /** The next frame of that type about that conversation; others are skipped. */
    private static JsonObject nextOf(SocketClient socket, String type, long conversation) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var frame = socket.poll(Duration.ofMillis(200));
            if (frame != null && of(frame, type, conversation)) {
                return frame;
            }
        }
        throw new AssertionError("No " + type + " of conversation " + conversation + " within " + WAIT);
    }

    private static JsonObject nextStatus(SocketClient socket, long conversation, String author)
            throws InterruptedException {
        while (true) {
            var status = nextOf(socket, "message.status", conversation);
            if (author.equals(status.getString("author"))) {
                return status;
            }
        }
    }

    private static String reasonOf(SocketClient socket, long conversation) throws InterruptedException {
        while (true) {
            var status = nextStatus(socket, conversation, "AGENT");
            if ("FAILED".equals(status.getString("status"))) {
                return status.getString("reason");
            }
        }
    }

    /** The answer to a resume: the replayed entries, then the {@code resumed} frame. */
    private record Replay(List<JsonObject> entries, JsonObject resumed) {
    }

    private static Replay replayOf(SocketClient socket, long conversation) throws InterruptedException {
        var entries = new ArrayList<JsonObject>();
        while (true) {
            var frame = socket.next(WAIT);
            if (of(frame, "resumed", conversation)) {
                return new Replay(entries, frame);
            }
            if (of(frame, "message.created", conversation)) {
                entries.add(frame);
            }
        }
    }

    /** A frame of that type about that conversation arriving within a short while, or null. */
    private static JsonObject quietFor(SocketClient socket, String type, long conversation)
            throws InterruptedException {
        long deadline = System.nanoTime() + QUIET.toNanos();
        while (System.nanoTime() < deadline) {
            var frame = socket.poll(Duration.ofMillis(100));
            if (frame != null && of(frame, type, conversation)) {
                return frame;
            }
        }
        return null;
    }

    private static List<Long> seqs(List<JsonObject> frames) {
        return frames.stream().map(f -> f.getJsonNumber("seq").longValue()).toList();
    }

    /** An agent with the admin's password, in no inbox and with no role beyond AGENT. */
    private static long createPlainAgent(String email) throws Exception {
        try (var db = MariaDb.connect(SharedSwitchboard.DATABASE)) {
            try (var insert = db.prepareStatement("INSERT INTO agent (email, display_name, password_hash, roles,"
                    + " active, created_at, version, presence) SELECT ?, 'Plain Agent', password_hash, 'AGENT', TRUE,"
                    + " NOW(6), 0, 'OFFLINE' FROM agent WHERE email = ?")) {
                insert.setString(1, email);
                insert.setString(2, SharedSwitchboard.ADMIN_EMAIL);
                assertEquals(1, insert.executeUpdate());
            }
            try (var select = db.prepareStatement("SELECT id FROM agent WHERE email = ?")) {
                select.setString(1, email);
                try (var rows = select.executeQuery()) {
                    assertTrue(rows.next());
                    return rows.getLong(1);
                }
            }
        }
    }

    private static long count(String sql, String parameter) throws Exception {
        try (var db = MariaDb.connect(SharedSwitchboard.DATABASE); var statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
