package com.switchboard.system;

import static com.switchboard.system.FirstPathIT.json;
import static com.switchboard.system.FirstPathIT.say;
import static com.switchboard.system.FirstPathIT.visitorSocket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.MariaDb;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Visitors as the widget and the agent API see them: the page context the socket records, and blocks that
 * close an open socket at once and keep the visitor out until lifted.
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class VisitorBlocksIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theSocketRecordsTheVisitorsAddressAndPage(Instance switchboard) throws Exception {
        try (var visitor = visitorSocket(switchboard, "")) {
            var token = visitor.next("welcome", WAIT).getString("visitorToken");
            visitor.send(Json.createObjectBuilder().add("type", "page.view").add("url", "https://shop.example/p/1")
                    .add("title", "Product 1").add("userAgent", "SystemTest/1.0").build());
            visitor.next("page.recorded", WAIT);
            // Kept by the socket until the visitor's first act makes their row (VisitorRowsIT).
            visitor.send(say("is this in stock?")).next("message.accepted", WAIT);

            assertEquals(List.of("127.0.0.1", "https://shop.example/p/1", "Product 1", "SystemTest/1.0"),
                    row("SELECT ip_address, page_url, page_title, user_agent FROM visitor WHERE token = ?", token));
            visitor.send(Json.createObjectBuilder().add("type", "page.view").add("url", "https://shop.example/p/2")
                    .add("title", "Product 2").build());
            visitor.next("page.recorded", WAIT);
            assertEquals(List.of("127.0.0.1", "https://shop.example/p/2", "Product 2", "SystemTest/1.0"),
                    row("SELECT ip_address, page_url, page_title, user_agent FROM visitor WHERE token = ?", token));
            assertEquals("visitor.page-url", visitor.send(Json.createObjectBuilder().add("type", "page.view")
                    .add("url", "javascript:alert(1)").build()).next("error", WAIT).getString("code"));
            assertEquals("request.field", visitor.send(Json.createObjectBuilder().add("type", "option.pick")
                    .add("conversationId", "one").build()).next("error", WAIT).getString("code"));
        }
    }

    @Test
    void aBlockClosesTheVisitorsOpenSocketAndKeepsThemOutUntilLifted(Instance switchboard) throws Exception {
        var admin = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        String token;
        long visitorId;
        long blockId;
        try (var visitor = visitorSocket(switchboard, "")) {
            token = visitor.next("welcome", WAIT).getString("visitorToken");
            visitor.send(say("you are all useless")).next("message.accepted", WAIT);
            visitorId = Long.parseLong(row("SELECT id FROM visitor WHERE token = ?", token).get(0));

            var refused = Http.send("POST", blocksOf(switchboard, visitorId), admin, "{\"reason\":\" \"}");
            assertEquals(400, refused.statusCode(), refused.body());
            assertEquals("block.reason", json(refused.body()).getString("code"));
            var created = Http.send("POST", blocksOf(switchboard, visitorId), admin,
                    "{\"reason\":\"abusive language\",\"minutes\":60}");
            assertEquals(201, created.statusCode(), created.body());
            blockId = json(created.body()).getJsonNumber("blockId").longValue();

            assertEquals("visitor.blocked", visitor.next("error", WAIT).getString("code"));
            assertEquals(1008, visitor.closeCode(WAIT));
        }
        try (var again = visitorSocket(switchboard, token)) {
            assertEquals("visitor.blocked", again.next("error", WAIT).getString("code"));
            assertEquals(1008, again.closeCode(WAIT));
        }
        var inForce = Http.send("GET", switchboard.appUrl() + "/api/agent/blocks", admin, null);
        assertTrue(json("{\"b\":" + inForce.body() + "}").getJsonArray("b").getValuesAs(JsonObject.class).stream()
                .anyMatch(b -> b.getJsonNumber("blockId").longValue() == blockId), inForce.body());

        var lifted = Http.send("DELETE", switchboard.appUrl() + "/api/agent/blocks/" + blockId, admin, null);
        assertEquals(200, lifted.statusCode(), lifted.body());
        assertFalse(json(lifted.body()).getBoolean("inForce"));
        try (var back = visitorSocket(switchboard, token)) {
            back.next("welcome", WAIT);
            assertEquals(2, back.send(say("sorry")).next("message.accepted", WAIT).getJsonNumber("seq").longValue());
        }
    }

    @Test
    void adminsReadTheIdentitySecretAndBrokenBlockRequestsGetNamedErrors(Instance switchboard) throws Exception {
        var admin = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        var secret = Http.send("GET", switchboard.appUrl() + "/api/agent/inboxes/1/identity-secret", admin, null);
        assertEquals(200, secret.statusCode(), secret.body());
        assertEquals(43, json(secret.body()).getString("secret").length());

        var wrongType = Http.send("POST", switchboard.appUrl() + "/api/agent/blocks", admin,
                "{\"network\":\"198.51.100.0/24\",\"reason\":\"spam\",\"minutes\":\"soon\"}");
        assertEquals(400, wrongType.statusCode(), wrongType.body());
        assertEquals("request.field", json(wrongType.body()).getString("code"));
        var badNetwork = Http.send("POST", switchboard.appUrl() + "/api/agent/blocks", admin,
                "{\"network\":\"198.51.100.0/33\",\"reason\":\"spam\"}");
        assertEquals("block.network", json(badNetwork.body()).getString("code"));
    }

    private static String blocksOf(Instance switchboard, long visitorId) {
        return switchboard.appUrl() + "/api/agent/visitors/" + visitorId + "/blocks";
    }

    private static List<String> row(String sql, String parameter) throws Exception {
        try (var db = MariaDb.connect(SharedSwitchboard.DATABASE); var statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
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
