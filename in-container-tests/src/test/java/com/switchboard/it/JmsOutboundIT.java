package com.switchboard.it;

import static com.switchboard.it.Answers.json;
import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.dataSource;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.pendingOffer;
import static com.switchboard.it.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.messaging.Destinations;
import com.switchboard.routing.boundary.RoutingService;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** JMS outbound: the conversation's events to legacy systems, in order, and the outbox sweep. */
@ExtendWith(ArquillianExtension.class)
class JmsOutboundIT {

    @EJB
    AgentMessages agentMessages;

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationParticipants participants;

    @EJB
    RoutingService routing;

    @Inject
    TestData data;

    @Test
    public void jmsOutboundEventsFollowTheConversationInItsOwnOrderWithTheInboundCorrelationAndNoNotes()
            throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 60, 2);
        data.online(desk.ada());
        var customer = "cust-" + UUID.randomUUID();
        try (var events = TopicSubscriber.subscribe(Destinations.EVENTS); var client = QueueClient.connect()) {
            var opening = client.inbound("""
                    {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"where is my order?"}""", desk.inbox(), customer);
            long conversation = count("SELECT conversation_id FROM inbound_message WHERE external_id = ?", opening);
            routing.accept(desk.ada(), pendingOffer(conversation, desk.ada()));
            agentMessages.note(conversation, desk.ada(), "secret: a private note");
            agentMessages.reply(conversation, desk.ada(), "It left today", null);
            participants.handOn(conversation, desk.ada(), desk.bob());
            var closing = client.inbound("""
                    {"type":"conversation.close","externalId":"%s","conversationId":%d}""", conversation);
            lifecycle.archive(conversation, firstAdmin());

            var received = new ArrayList<JsonObject>();
            while (received.isEmpty() || !"conversation.archived".equals(received.get(received.size() - 1)
                    .getString("type"))) {
                var next = events.await(body -> json(body).getJsonNumber("conversationId").longValue()
                        == conversation, Duration.ofSeconds(20));
                assertTrue(next.isPresent(), "events so far: " + received);
                received.add(json(next.get()));
            }
            received.sort(java.util.Comparator.comparingLong(e -> e.getJsonNumber("seq").longValue()));
            assertEquals(List.of("conversation.created", "message.created", "conversation.queued", "offer.created",
                    "conversation.assigned", "message.created", "conversation.assigned", "conversation.closed",
                    "conversation.archived"),
                    received.stream().map(e -> e.getString("type")).toList(), received.toString());
            assertEquals(LongStream.rangeClosed(1, 9).boxed().toList(),
                    received.stream().map(e -> e.getJsonNumber("seq").longValue()).toList(), "gap-free, from 1");
            received.forEach(e -> assertEquals(opening, e.getString("conversationExternalId"), e.toString()));
            assertEquals(opening, received.get(0).getString("externalId"));
            assertEquals(customer, received.get(0).getString("visitorExternalId"));
            assertEquals(opening, received.get(1).getString("externalId"));
            assertEquals("VISITOR", received.get(1).getString("author"));
            assertFalse(received.get(3).containsKey("externalId"), "routing acts on its own");
            assertEquals(desk.ada(), received.get(3).getJsonNumber("agentId").longValue());
            assertEquals(desk.ada(), received.get(4).getJsonNumber("agentId").longValue());
            assertEquals(List.of("AGENT", "It left today"), List.of(received.get(5).getString("author"),
                    received.get(5).getString("text")));
            assertEquals(desk.bob(), received.get(6).getJsonNumber("agentId").longValue(), "handed on directly");
            assertEquals(closing, received.get(7).getString("externalId"));
            assertFalse(received.get(8).containsKey("externalId"), "archived by an admin");
            assertTrue(events.seen().stream().noneMatch(body -> body.contains("secret")), "notes never leave");
            await("the outbox emptied as the events left", () -> count(
                    "SELECT COUNT(*) FROM outbound_event WHERE conversation_id = ?", conversation) == 0);
        }
    }

    @Test
    public void anOutboundEventThatCommittedButWasNeverSentLeavesWithTheSweepOnce() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 60, 1);
        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "hello")
                .conversationId();
        await("the conversation's own events left", () -> count(
                "SELECT COUNT(*) FROM outbound_event WHERE conversation_id = ?", conversation) == 0);
        try (var events = TopicSubscriber.subscribe(Destinations.EVENTS)) {
            // As if its node had stopped right after the commit: in the outbox for a minute, never relayed.
            leftInTheOutbox(conversation, 1000, 60);
            Predicate<String> theLostOne = event(conversation, 1000);
            // The sweep runs every 5 s.
            var sent = events.await(theLostOne, Duration.ofSeconds(20));
            assertTrue(sent.isPresent(), "sent: " + events.seen());
            assertTrue(events.resent(sent.get()), "marked as sent again: the broker may have had it");
            // The broker's transaction commits before the one that deletes the row (OutboundTopic): the event can
            // arrive a moment before its row is gone.
            await("gone from the outbox", () -> count(
                    "SELECT COUNT(*) FROM outbound_event WHERE conversation_id = ?", conversation) == 0);
            assertTrue(events.await(theLostOne, Duration.ofSeconds(7)).isEmpty(), "sent once, not at every sweep");
        }
    }

    /**
     * A sender deletes only its own rows: while another transaction holds a different row of the outbox, a new
     * event leaves at once. MariaDB scanned the whole table for a one-event batch's DELETE, so it waited for that
     * row, and two senders waiting for each other's rows deadlocked (a crash test met it after a restart).
     */
    @Test
    public void anEventLeavesWhileAnotherSenderHoldsADifferentRowOfTheOutbox() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 60, 1);
        var visitor = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(desk.inbox(), visitor, "hello").conversationId();
        await("the conversation's own events left", () -> count(
                "SELECT COUNT(*) FROM outbound_event WHERE conversation_id = ?", conversation) == 0);
        // Another sender's row, held: made an hour ahead, so that the sweep leaves it alone meanwhile.
        leftInTheOutbox(conversation, 2000, -3600);
        try (var other = dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement(
                    "SELECT seq FROM outbound_event WHERE conversation_id = ? AND seq = 2000 FOR UPDATE")) {
                lock.setLong(1, conversation);
                lock.executeQuery().close();
            }
            visitorMessages.post(desk.inbox(), visitor, "one more");
            await("the new event left while the other row was held", () -> count(
                    "SELECT COUNT(*) FROM outbound_event WHERE conversation_id = ? AND seq < 2000", conversation) == 0);
            other.rollback();
        } finally {
            try (var connection = dataSource().getConnection(); var delete = connection.prepareStatement(
                    "DELETE FROM outbound_event WHERE conversation_id = ? AND seq = 2000")) {
                delete.setLong(1, conversation);
                delete.executeUpdate();
            }
        }
    }

    /** An outbound event's row as a node that stopped after the commit leaves it, {@code age} seconds old. */
    private void leftInTheOutbox(long conversation, long seq, long age) throws Exception {
        try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(
                "INSERT INTO outbound_event (conversation_id, seq, type, inbox_id, body, created_at) "
                        + "VALUES (?, ?, 'conversation.closed', 0, ?, ?)")) {
            statement.setLong(1, conversation);
            statement.setLong(2, seq);
            statement.setString(3, "{\"type\":\"conversation.closed\",\"conversationId\":" + conversation
                    + ",\"seq\":" + seq + "}");
            statement.setTimestamp(4, Timestamp.from(Instant.now().minusSeconds(age)));
            statement.executeUpdate();
        }
    }

    private static Predicate<String> event(long conversation, long seq) {
        return body -> json(body).getJsonNumber("conversationId").longValue() == conversation
                && json(body).getJsonNumber("seq").longValue() == seq;
    }
}
