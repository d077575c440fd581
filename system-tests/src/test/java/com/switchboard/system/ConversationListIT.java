package com.switchboard.system;

import static com.switchboard.system.FirstPathIT.json;
import static com.switchboard.system.FirstPathIT.say;
import static com.switchboard.system.FirstPathIT.visitorSocket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The console's conversation list and participants over the agent API, behind its bearer token. */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class ConversationListIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theListShowsANewConversationWithItsPreviewAndRefusesBrokenParameters(Instance switchboard) throws Exception {
        var admin = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        var text = "Where is my parcel? " + UUID.randomUUID();
        long conversationId;
        try (var visitor = visitorSocket(switchboard, "")) {
            visitor.next("welcome", WAIT);
            conversationId = visitor.send(say(text)).next("message.accepted", WAIT)
                    .getJsonNumber("conversationId").longValue();
        }

        var list = Http.send("GET", conversations(switchboard) + "?assignee=none&inbox=1&sort=activity&size=100",
                admin, null);
        assertEquals(200, list.statusCode(), list.body());
        var page = json(list.body());
        var line = page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getJsonNumber("id").longValue() == conversationId).findFirst()
                .orElseThrow(() -> new AssertionError("conversation " + conversationId + " not listed: " + list.body()));
        assertEquals(text, line.getString("lastMessage"));
        assertEquals("WIDGET", line.getString("channel"));
        assertEquals("WAITING", line.getString("status"));
        assertTrue(line.isNull("assigneeId"));
        assertTrue(page.getJsonNumber("total").longValue() >= 1);

        for (var broken : new String[] {"?size=101", "?page=-1", "?inbox=one", "?channel=FAX", "?status=GONE",
                "?sort=name", "?assignee=someone", "?lastMessageAfter=yesterday"}) {
            var refused = Http.send("GET", conversations(switchboard) + broken, admin, null);
            assertEquals(400, refused.statusCode(), broken + ": " + refused.body());
        }
        assertEquals("conversations.size",
                json(Http.send("GET", conversations(switchboard) + "?size=101", admin, null).body()).getString("code"));
        assertEquals(401, Http.get(conversations(switchboard)).statusCode(), "no token, no list");
    }

    @Test
    void anAgentIsInvitedListedAndRemovedAgain(Instance switchboard) throws Exception {
        var admin = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        long adminId = json(Http.get(switchboard.appUrl() + "/api/agent/me", admin).body())
                .getJsonNumber("agentId").longValue();
        long conversationId;
        try (var visitor = visitorSocket(switchboard, "")) {
            visitor.next("welcome", WAIT);
            conversationId = visitor.send(say("I need a specialist")).next("message.accepted", WAIT)
                    .getJsonNumber("conversationId").longValue();
        }
        var participants = conversations(switchboard) + "/" + conversationId + "/participants";

        var invited = Http.send("POST", participants, admin, "{\"agentId\":" + adminId + "}");
        assertEquals(201, invited.statusCode(), invited.body());
        assertEquals(adminId, json(invited.body()).getJsonNumber("agentId").longValue());
        var again = Http.send("POST", participants, admin, "{\"agentId\":" + adminId + "}");
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("conversation.participant.exists", json(again.body()).getString("code"));
        var listed = Http.send("GET", participants, admin, null);
        assertEquals(200, listed.statusCode(), listed.body());
        assertTrue(listed.body().contains("\"agentId\":" + adminId), listed.body());

        var removed = Http.send("DELETE", participants + "/" + adminId, admin, null);
        assertEquals(204, removed.statusCode(), removed.body());
        assertEquals(404, Http.send("DELETE", participants + "/" + adminId, admin, null).statusCode());
        assertEquals(400, Http.send("POST", participants, admin, "{\"agentId\":\"me\"}").statusCode());
    }

    private static String conversations(Instance switchboard) {
        return switchboard.appUrl() + "/api/agent/conversations";
    }
}
