package com.switchboard.it;

import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.rows;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.AgentWorkspace;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.MessageDelivery;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.entity.Recipient;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.Destinations;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The agent's messages: private notes, option menus and the visitor's pick, delivery and read status. */
@ExtendWith(ArquillianExtension.class)
class AgentMessagesIT {

    @EJB
    AgentMessages agentMessages;

    @EJB
    Transcripts transcripts;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    AgentWorkspace workspace;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationParticipants participants;

    @EJB
    MessageDelivery delivery;

    @Inject
    TestData data;

    @Test
    public void privateNotesNeverReachTheVisitorAndCannotBeQuotedToThem() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(team.inbox(), visitor, "My order is late").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        var note = agentMessages.note(conversation, team.ada(), "Customer since 2019, be generous");
        agentMessages.reply(conversation, team.ada(), "Sorry! It ships today.", null);

        assertEquals("message.quote", assertThrows(RequestRejectedException.class,
                () -> agentMessages.reply(conversation, team.ada(), "See above", note.seq())).code());
        assertEquals(List.of("VISITOR:My order is late", "AGENT:Sorry! It ships today."),
                transcripts.forVisitor(visitor, conversation).stream()
                        .map(e -> e.author() + ":" + e.text()).toList());
        assertEquals(List.of("VISITOR", "NOTE", "AGENT"), transcripts.forAgent(team.ada(), conversation)
                .stream().map(e -> e.author()).toList());
        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> transcripts.forVisitor(AnonymousVisitors.create(visitors), conversation)).code(),
                "another visitor cannot even tell the conversation exists");
    }

    @Test
    public void agentsOfferOptionsAndTheVisitorsPickIsRecordedOnce() throws Exception {
        var team = data.team();
        var token = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(team.inbox(), token, "I need help").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());

        assertEquals("message.options", assertThrows(RequestRejectedException.class,
                () -> agentMessages.offerOptions(conversation, team.ada(), "Which?", List.of("only"))).code());
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> agentMessages.offerOptions(conversation, team.bob(), "Which?", List.of("a", "b"))).code());
        long menu = agentMessages.offerOptions(conversation, team.ada(), "What is it about?",
                List.of("Billing", "Delivery")).seq();
        assertEquals("message.no-options", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.pickOption(token, conversation, 1, 0)).code());
        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.pickOption(AnonymousVisitors.create(visitors), conversation, menu, 0)).code());

        var answer = visitorMessages.pickOption(token, conversation, menu, 1);

        assertEquals(menu + 1, answer.seq());
        assertEquals("message.option-picked", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.pickOption(token, conversation, menu, 0)).code());
        var transcript = transcripts.forVisitor(token, conversation);
        var offered = transcript.stream().filter(e -> e.seq() == menu).findFirst().orElseThrow();
        var picked = transcript.stream().filter(e -> e.seq() == answer.seq()).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals(List.of("Billing", "Delivery"), offered.options()),
                () -> assertEquals(1, offered.pickedOption()),
                () -> assertEquals("VISITOR", picked.author()),
                () -> assertEquals("Delivery", picked.text()),
                () -> assertEquals(menu, picked.quoteSeq()));
        assertEquals(List.of(List.of("1")), rows("SELECT picked_option FROM message WHERE conversation_id = ? "
                + "AND seq = ? AND picked_at IS NOT NULL", conversation, menu));
    }

    @Test
    public void listingDeliveryStatusNeverGoesBackAndAFailureKeepsItsReason() throws Exception {
        var crew = data.crew(null);
        var visitor = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(crew.inbox(), visitor, "one").conversationId();
        participants.handOn(conversation, firstAdmin(), crew.ada());
        agentMessages.reply(conversation, crew.ada(), "two", null);
        agentMessages.reply(conversation, crew.ada(), "three", null);
        visitorMessages.post(crew.inbox(), visitor, "four");
        agentMessages.reply(conversation, crew.ada(), "five", null);
        assertEquals(List.of("QUEUED"), statuses(conversation).values().stream().distinct().toList(),
                "every message starts QUEUED");

        assertEquals(1, delivery.readByVisitor(visitor, conversation, 2));
        try (var events = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS)) {
            assertEquals(2, delivery.deliveredToVisitor(visitor, conversation, 5));
            // The READ event of the receipt before may still be on its way (events leave after the commit, on a
            // thread of their own): the one wanted is the DELIVERED one.
            var event = events.await(body -> body.contains("\"message.status\"")
                    && body.contains("\"conversationId\":" + conversation + ",")
                    && body.contains("\"status\":\"DELIVERED\""), Duration.ofSeconds(15))
                    .orElseThrow(() -> new AssertionError("no message.status event: " + events.seen()));
            JsonObject json;
            try (var reader = Json.createReader(new StringReader(event))) {
                json = reader.readObject();
            }
            assertAll(
                    () -> assertEquals("AGENT", json.getString("author")),
                    () -> assertEquals(3, json.getInt("fromSeq"), "seq 2 was READ already"),
                    () -> assertEquals(5, json.getInt("toSeq")),
                    () -> assertEquals("DELIVERED", json.getString("status")),
                    () -> assertEquals(crew.inboxId(), json.getJsonNumber("inboxId").longValue()));
        }
        assertEquals(Map.of(1L, "QUEUED", 2L, "READ", 3L, "DELIVERED", 4L, "QUEUED", 5L, "DELIVERED"),
                statuses(conversation), "READ never becomes DELIVERED; the visitor's messages are untouched");
        assertEquals(0, delivery.deliveredToVisitor(visitor, conversation, 5), "a repeated receipt changes nothing");
        assertEquals(0, delivery.failed(conversation, Recipient.VISITOR, 5, MessageDelivery.VISITOR_LEFT),
                "what arrived cannot fail");

        agentMessages.reply(conversation, crew.ada(), "six", null);
        assertEquals(1, delivery.failed(conversation, Recipient.VISITOR, 6, MessageDelivery.VISITOR_LEFT));
        assertEquals(List.of(List.of("FAILED", "visitor.left")),
                rows("SELECT delivery_status, failure_reason FROM message WHERE conversation_id = ? AND seq = 6",
                        conversation));
        assertEquals("message.failure-reason", assertThrows(RequestRejectedException.class,
                () -> delivery.failed(conversation, Recipient.VISITOR, 6, "Visitor Left!")).code());
        assertEquals(1, delivery.deliveredToVisitor(visitor, conversation, 6), "the visitor came back");
        assertEquals(List.of(java.util.Arrays.asList("DELIVERED", null)),
                rows("SELECT delivery_status, failure_reason FROM message WHERE conversation_id = ? AND seq = 6",
                        conversation));

        workspace.markRead(crew.ada(), conversation, 4);
        assertEquals("READ", statuses(conversation).get(1L), "an agent reading makes the visitor's messages READ");
        assertEquals("READ", statuses(conversation).get(4L));
        visitorMessages.post(crew.inbox(), visitor, "seven");
        assertEquals(1, delivery.failed(conversation, Recipient.AGENTS, 99, MessageDelivery.AGENT_UNASSIGNED));
        assertEquals(List.of(List.of("FAILED", "agent.unassigned")),
                rows("SELECT delivery_status, failure_reason FROM message WHERE conversation_id = ? AND seq = 7",
                        conversation));
        assertEquals(0, delivery.deliveredToAgent(crew.ada(), conversation, 4), "READ stays READ");

        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> delivery.readByVisitor(AnonymousVisitors.create(visitors), conversation, 6)).code(),
                "another visitor's receipts count for nothing");
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> delivery.deliveredToAgent(crew.carol(), conversation, 7)).code());
        assertEquals("message.seq", assertThrows(RequestRejectedException.class,
                () -> delivery.deliveredToVisitor(visitor, conversation, 0)).code());
    }

    /** Delivery status by seq. */
    private static Map<Long, String> statuses(long conversation) throws Exception {
        return rows("SELECT seq, delivery_status FROM message WHERE conversation_id = ? ORDER BY seq", conversation)
                .stream().collect(Collectors.toMap(row -> Long.valueOf(row.get(0)), row -> row.get(1)));
    }
}
