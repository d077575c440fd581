package com.switchboard.it;

import static com.switchboard.it.Answers.json;
import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.boundary.AgentAdministration;
import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.Destinations;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Operator names: what visitors and legacy systems see instead of the agent's name. */
@ExtendWith(ArquillianExtension.class)
class OperatorNamesIT {

    @EJB
    AgentMessages agentMessages;

    @EJB
    Transcripts transcripts;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    InboxService inboxes;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationParticipants participants;

    @EJB
    AgentAdministration administration;

    @Inject
    TestData data;

    @Test
    public void visitorsAndLegacySystemsSeeTheOperatorOrPublicNameWhileAgentsSeeWhoWrote() throws Exception {
        var team = data.team();
        long inboxId = count("SELECT id FROM inbox WHERE name = ?", team.inbox());
        administration.namePublicly(firstAdmin(), team.ada(), " Ada from Support ");
        var visitor = AnonymousVisitors.create(visitors);
        try (var internal = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS);
             var outbound = TopicSubscriber.subscribe(Destinations.EVENTS)) {
            long conversation = visitorMessages.post(team.inbox(), visitor, "Hello?").conversationId();
            participants.handOn(conversation, firstAdmin(), team.ada());
            var joined = internal.await(body -> body.contains("\"agent.joined\"")
                    && json(body).getJsonNumber("conversationId").longValue() == conversation, Duration.ofSeconds(15));
            assertTrue(joined.isPresent(), () -> "agent.joined: " + internal.seen());
            assertEquals("Ada from Support", json(joined.get()).getString("agentName"));
            var assigned = outbound.await(body -> body.contains("\"conversation.assigned\"")
                    && json(body).getJsonNumber("conversationId").longValue() == conversation, Duration.ofSeconds(15));
            assertTrue(assigned.isPresent(), () -> "conversation.assigned: " + outbound.seen());
            assertEquals("Ada from Support", json(assigned.get()).getString("agentName"));

            long first = agentMessages.reply(conversation, team.ada(), "Hi, I am here", null).seq();
            var published = internal.await(body -> body.contains("Hi, I am here"), Duration.ofSeconds(15));
            assertTrue(published.isPresent(), () -> "message.created: " + internal.seen());
            assertEquals("Ada", json(published.get()).getString("agentName"), "agents see the account name");
            assertEquals("Ada from Support", json(published.get()).getString("visitorAgentName"));

            // An operator name wins over every agent's own; a stale version or a bad name changes nothing.
            var inbox = inboxes.find(inboxId);
            assertEquals("inbox.operator-name", assertThrows(RequestRejectedException.class,
                    () -> inboxes.nameOperator(inboxId, inbox.version(), "x".repeat(61))).code());
            assertEquals("text.control-character", assertThrows(RequestRejectedException.class,
                    () -> inboxes.nameOperator(inboxId, inbox.version(), "Acme\u0007")).code());
            inboxes.nameOperator(inboxId, inbox.version(), "Acme Support");
            assertEquals("inbox.changed", assertThrows(RequestRejectedException.class,
                    () -> inboxes.nameOperator(inboxId, inbox.version(), "Stale Name")).code());
            assertEquals(List.of(List.of("Acme Support")), rows("SELECT operator_name FROM inbox WHERE id = ?",
                    inboxId));

            long second = agentMessages.reply(conversation, team.ada(), "Let me check", null).seq();
            var legacy = outbound.await(body -> body.contains("Let me check"), Duration.ofSeconds(15));
            assertTrue(legacy.isPresent(), () -> "outbound message.created: " + outbound.seen());
            assertEquals("Acme Support", json(legacy.get()).getString("agentName"));
            assertEquals(team.ada(), json(legacy.get()).getJsonNumber("agentId").longValue());

            var replayed = transcripts.replayForVisitor(visitor, conversation, 0);
            assertEquals(List.of("VISITOR:null", "AGENT:Ada from Support", "AGENT:Acme Support"), replayed.stream()
                    .map(e -> e.author() + ":" + e.agentName()).toList(), "each message as the visitor saw it");
            assertTrue(replayed.stream().allMatch(e -> e.agentId() == null), "the visitor never learns agent ids");
            assertEquals(List.of(first, second), replayed.stream().filter(e -> "AGENT".equals(e.author()))
                    .map(e -> e.seq()).toList());
            assertEquals(List.of("Ada", "Ada"), transcripts.replayForAgent(firstAdmin(), conversation, 0).stream()
                    .filter(e -> "AGENT".equals(e.author())).map(e -> e.agentName()).toList(),
                    "agents still see who wrote what");
            assertEquals("Acme Support", visitorMessages.currentPosition(team.inbox(), visitor).orElseThrow().agentName());

            // Cleared: each agent's own name again.
            inboxes.nameOperator(inboxId, inboxes.find(inboxId).version(), "  ");
            assertNull(inboxes.find(inboxId).operatorName());
            assertEquals("Ada from Support", visitorMessages.currentPosition(team.inbox(), visitor).orElseThrow().agentName());
        }
    }

    @Test
    public void onlyThoseWhoManageAnAccountGiveItAPublicNameAndABadOneChangesNothing() throws Exception {
        var team = data.team();
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> administration.namePublicly(team.bob(), team.ada(), "Ada P.")).code());
        assertEquals("agent.public-name", assertThrows(RequestRejectedException.class,
                () -> administration.namePublicly(firstAdmin(), team.ada(), "y".repeat(61))).code());
        assertEquals("agent.unknown", assertThrows(RequestRejectedException.class,
                () -> administration.namePublicly(firstAdmin(), -5, "Nobody")).code());
        assertNull(rows("SELECT public_name FROM agent WHERE id = ?", team.ada()).get(0).get(0), "unchanged");
        assertEquals("Ada P.", administration.namePublicly(firstAdmin(), team.ada(), "Ada P.").publicName());
        assertNull(administration.namePublicly(firstAdmin(), team.ada(), "").publicName(), "blank removes it");
    }
}
