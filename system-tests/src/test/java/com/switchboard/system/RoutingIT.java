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
import com.switchboard.system.support.SocketClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Routing as an agent meets it over the wire: going online, an offer arriving on the agent socket, accepting it
 * over HTTP, and reading why it came. The shared instance's {@code support} inbox may hold other tests' waiting
 * conversations, which reach the admin first (oldest first): those are rejected until ours comes.
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class RoutingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anOnlineAgentGetsTheOfferOnTheirSocketAcceptsItAndCanReadWhy(Instance switchboard) throws Exception {
        var token = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        var api = switchboard.appUrl() + "/api/agent";
        var wrong = Http.send("PUT", api + "/me/presence", token, "{\"presence\":\"BUSY\"}");
        assertEquals(400, wrong.statusCode(), wrong.body());
        assertEquals("agent.presence", json(wrong.body()).getString("code"));

        try (var agent = switchboard.process().agentSocket(SharedSwitchboard.ADMIN_EMAIL,
                SharedSwitchboard.ADMIN_PASSWORD); var visitor = visitorSocket(switchboard, "")) {
            visitor.next("welcome", WAIT);
            long conversation = visitor.send(say("route me")).next("message.accepted", WAIT)
                    .getJsonNumber("conversationId").longValue();
            var online = Http.send("PUT", api + "/me/presence", token, "{\"presence\":\"ONLINE\"}");
            assertEquals(200, online.statusCode(), online.body());

            var offer = offerOf(agent, conversation, token, api);
            var accepted = Http.send("POST", api + "/offers/" + offer.getJsonNumber("offerId") + "/accept", token,
                    null);
            assertEquals(204, accepted.statusCode(), accepted.body());
            var again = Http.send("POST", api + "/offers/" + offer.getJsonNumber("offerId") + "/accept", token, null);
            assertEquals(409, again.statusCode(), again.body());
            assertEquals("offer.decided", json(again.body()).getString("code"));

            var taken = Http.send("POST", api + "/conversations/" + conversation + "/routing/take", token, null);
            assertEquals(409, taken.statusCode(), taken.body());
            assertEquals("conversation.taken", json(taken.body()).getString("code"));
            var decisions = Http.send("GET", api + "/conversations/" + conversation + "/routing", token, null);
            assertEquals(200, decisions.statusCode(), decisions.body());
            var outcomes = json("{\"d\":" + decisions.body() + "}").getJsonArray("d").getValuesAs(JsonObject.class);
            assertEquals(List.of("OFFERED", "ACCEPTED"), outcomes.stream().map(d -> d.getString("outcome"))
                    .filter(o -> !o.equals("WAITING")).toList(), decisions.body());
            assertTrue(outcomes.stream().anyMatch(d -> d.getString("explanation").startsWith("Chose ")),
                    decisions.body());
        } finally {
            Http.send("PUT", api + "/me/presence", token, "{\"presence\":\"OFFLINE\"}");
        }
    }

    /** Waits for the offer of this conversation, rejecting offers of other tests' conversations on the way. */
    private static JsonObject offerOf(SocketClient agent, long conversation, String token, String api)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var offer = agent.next("offer.created", WAIT);
            if (offer.getJsonNumber("conversationId").longValue() == conversation) {
                return offer;
            }
            Http.send("POST", api + "/offers/" + offer.getJsonNumber("offerId") + "/reject", token, null);
        }
        throw new AssertionError("No offer of conversation " + conversation + " within " + WAIT);
    }
}
