package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.longs;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.Database.status;
import static com.switchboard.it.Waits.await;
import static com.switchboard.it.Waits.contend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.integration.control.InboundMessages;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.messaging.Destinations;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** JMS inbound: legacy systems post on the inbound queue (docs/JMS-CONTRACT.md). */
@ExtendWith(ArquillianExtension.class)
class JmsInboundIT {

    @EJB
    InboxService inboxes;

    @EJB
    InboundMessages inbound;

    @EJB
    VisitorService visitors;

    @Test
    public void jmsVisitorMessageOpensAJmsConversationAndEachExternalIdActsOnce() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Legacy " + UUID.randomUUID())).settings().name();
        var customer = "cust-" + UUID.randomUUID();
        var first = "crm-" + UUID.randomUUID();
        var visitorMessage = """
                {"type":"visitor.message","externalId":"%s","inbox":"%s",
                 "visitor":{"externalId":"%s","name":"Ada Legacy","email":"Ada@Example.com"},"text":"%s"}""";
        try (var client = QueueClient.connect()) {
            // Twice without the broker's duplicate header: the database's key keeps it to one message. The sending
            // user as a broker that names it would stamp it (this test broker signs no one on).
            var sender = Map.of(Destinations.VALIDATED_USER_PROPERTY, "crm-system");
            client.sendText(InboundQueues.INBOUND, visitorMessage.formatted(first, inbox, customer, "hello"), sender);
            client.sendText(InboundQueues.INBOUND, visitorMessage.formatted(first, inbox, customer, "hello"), sender);
            // Twice with it, as the contract asks senders to do: the broker drops the second.
            var second = "crm-" + UUID.randomUUID();
            for (int i = 0; i < 2; i++) {
                client.sendText(InboundQueues.INBOUND, visitorMessage.formatted(second, inbox, customer, "again"),
                        Map.of(QueueClient.DUPLICATE_ID, second));
            }
            await("both inbound messages handled", () -> count(
                    "SELECT COUNT(*) FROM inbound_message WHERE external_id IN (?, ?)", first, second) == 2);
        }
        Thread.sleep(1500); // room for a duplicate to do harm, if it could

        var conversation = count("SELECT c.id FROM conversation c JOIN visitor v ON v.id = c.visitor_id "
                + "WHERE v.source_external_id = ?", customer);
        // Several consumers take the queue at once: the two may be handled in either order.
        assertEquals(List.of(List.of("VISITOR", "again"), List.of("VISITOR", "hello")),
                rows("SELECT author_type, body FROM message WHERE conversation_id = ? ORDER BY body", conversation));
        assertEquals(List.of(1L, 2L), longs("SELECT seq FROM message WHERE conversation_id = ? ORDER BY seq",
                conversation));
        assertEquals(List.of(List.of("JMS", "WAITING")),
                rows("SELECT channel, status FROM conversation WHERE id = ?", conversation));
        assertEquals(List.of(List.of("Ada Legacy", "ada@example.com", "false", "crm-system")), rows(
                "SELECT display_name, email, identity_verified, source_system FROM visitor WHERE source_external_id = ?",
                customer), "the legacy system is the one that sent the first message: the second named none");
        assertEquals(List.of(String.valueOf(conversation), "visitor.message"), rows(
                "SELECT conversation_id, message_type FROM inbound_message WHERE external_id = ?", first).get(0));
    }

    @Test
    public void aNewCustomersMessageWaitsForAnotherOneCreatingThemInsteadOfFailing() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Legacy " + UUID.randomUUID())).settings().name();
        var customer = "cust-" + UUID.randomUUID();
        var body = """
                {"type":"visitor.message","externalId":"crm-%s","inbox":"%s","visitor":{"externalId":"%s"},
                 "text":"hello"}""".formatted(UUID.randomUUID(), inbox, customer);
        // Another message of the same new customer, handled at this moment: its visitor is not committed yet.
        var failure = contend(() -> visitors.ofSource(customer, "Ada Legacy", null, "crm-system"),
                () -> inbound.handle(body, null, "crm-system"),
                () -> { },
                "%FROM visitor%FOR UPDATE%", "INSERT INTO visitor%");
        assertNull(failure, () -> "the message failed, to be redelivered: " + failure);
        assertEquals(List.of(List.of("1", "Ada Legacy")), rows("SELECT COUNT(*), MAX(display_name) FROM visitor"
                + " WHERE source_external_id = ?", customer));
        assertEquals(1L, count("SELECT COUNT(*) FROM message m JOIN conversation c ON c.id = m.conversation_id"
                + " JOIN visitor v ON v.id = c.visitor_id WHERE v.source_external_id = ?", customer));
    }

    @Test
    public void jmsSystemMessagesAndCloseReachTheConversationByIdOrByVisitorAndInbox() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Legacy " + UUID.randomUUID())).settings().name();
        var customer = "cust-" + UUID.randomUUID();
        try (var client = QueueClient.connect()) {
            var opened = client.inbound("""
                    {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"where is my order?"}""", inbox, customer);
            long conversation = count("SELECT conversation_id FROM inbound_message WHERE external_id = ?", opened);

            client.inbound("""
                    {"type":"system.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"Order 17 shipped"}""", inbox, customer);
            client.inbound("""
                    {"type":"system.message","externalId":"%s","conversationId":%d,"text":"Delivery tomorrow"}""",
                    conversation);
            client.inbound("""
                    {"type":"conversation.close","externalId":"%s","conversationId":%d}""", conversation);
            assertEquals("CLOSED", status(conversation));
            assertEquals(List.of(List.of("1", "VISITOR"), List.of("2", "SYSTEM"), List.of("3", "SYSTEM")),
                    rows("SELECT seq, author_type FROM message WHERE conversation_id = ? ORDER BY seq", conversation));

            client.inbound("""
                    {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"one more thing"}""", inbox, customer);
            assertNotEquals("CLOSED", status(conversation), "the visitor's next message reopens it");
            assertEquals(4L, count("SELECT MAX(seq) FROM message WHERE conversation_id = ?", conversation));
            assertEquals(1L, count("SELECT COUNT(*) FROM conversation c JOIN visitor v ON v.id = c.visitor_id "
                    + "WHERE v.source_external_id = ?", customer));
        }
    }

    @Test
    public void jmsPoisonMessagesGoToTheDeadLetterQueueWithTheirReasonAndTheQueueKeepsFlowing() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Legacy " + UUID.randomUUID())).settings().name();
        var run = UUID.randomUUID().toString();
        var strangerInUnknownInbox = "cust-" + UUID.randomUUID();
        var refused = new LinkedHashMap<String, String>();
        refused.put("not json", "inbound.not-json:");
        refused.put("""
                {"type":"order.created","externalId":"%s"}""".formatted(UUID.randomUUID()), "inbound.type-unknown:");
        refused.put("""
                {"type":"visitor.message","inbox":"%s","visitor":{"externalId":"c"},"text":"no id"}"""
                .formatted(inbox), "inbound.external-id:");
        refused.put("""
                {"type":"visitor.message","externalId":"%s","inbox":"No such inbox %s",
                 "visitor":{"externalId":"%s"},"text":"hello?"}""".formatted(UUID.randomUUID(), run,
                strangerInUnknownInbox), "inbox.unknown:");
        refused.put("""
                {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"c-%s"},
                 "text":"   "}""".formatted(UUID.randomUUID(), inbox, run), "message.empty:");
        refused.put("""
                {"type":"system.message","externalId":"%s","conversationId":999999999,"text":"hi"}"""
                .formatted(UUID.randomUUID()), "conversation.unknown:");
        var customer = "cust-" + UUID.randomUUID();
        try (var client = QueueClient.connect()) {
            int n = 0;
            for (var body : refused.keySet()) {
                client.sendText(InboundQueues.INBOUND, body, Map.of("test_run", run, "test_case", "text-" + n++));
            }
            var bytes = client.session().createBytesMessage();
            bytes.writeBytes("{\"type\":\"visitor.message\"}".getBytes(StandardCharsets.UTF_8));
            client.send(InboundQueues.INBOUND, bytes, Map.of("test_run", run, "test_case", "bytes"));
            client.send(InboundQueues.INBOUND, client.session().createObjectMessage(new java.util.Date()),
                    Map.of("test_run", run, "test_case", "object"));
            var good = client.inbound("""
                    {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"after the poison"}""", inbox, customer);
            assertEquals(1L, count("SELECT COUNT(*) FROM message m JOIN inbound_message i "
                    + "ON i.conversation_id = m.conversation_id WHERE i.external_id = ?", good));

            var selector = "test_run = '" + run + "'";
            var dead = client.receive(InboundQueues.DEAD_LETTERS, selector, refused.size() + 2, Duration.ofSeconds(20));
            dead.addAll(client.receive(InboundQueues.DEAD_LETTERS, selector, 1, Duration.ofSeconds(2)));
            var reasons = new HashMap<String, String>();
            for (var message : dead) {
                reasons.put(message.getStringProperty("test_case"),
                        message.getStringProperty(Destinations.REASON_PROPERTY));
            }
            assertEquals(refused.size() + 2, dead.size(), "one dead letter per refused message: " + reasons);
            var expected = new ArrayList<>(refused.values());
            for (int i = 0; i < expected.size(); i++) {
                var reason = reasons.get("text-" + i);
                assertTrue(reason != null && reason.startsWith(expected.get(i)), "case " + i + ": " + reason);
            }
            for (var message : dead) {
                if (message.getStringProperty("test_case").startsWith("text-")) {
                    int i = Integer.parseInt(message.getStringProperty("test_case").substring(5));
                    assertEquals(new ArrayList<>(refused.keySet()).get(i),
                            ((jakarta.jms.TextMessage) message).getText(), "the original body travels along");
                }
            }
            assertTrue(reasons.get("bytes").startsWith("inbound.not-text:"), reasons.get("bytes"));
            assertTrue(reasons.get("object").startsWith("inbound.not-text:"), reasons.get("object"));
            var deadBytes = (jakarta.jms.BytesMessage) dead.stream()
                    .filter(m -> "bytes".equals(property(m, "test_case"))).findFirst().orElseThrow();
            var copied = new byte[(int) deadBytes.getBodyLength()];
            deadBytes.readBytes(copied);
            assertEquals("{\"type\":\"visitor.message\"}", new String(copied, StandardCharsets.UTF_8));
            var deadObject = dead.stream().filter(m -> "object".equals(property(m, "test_case"))).findFirst()
                    .orElseThrow();
            assertEquals("ObjectMessage", deadObject.getStringProperty("switchboard_original_type"));
            assertFalse(deadObject instanceof jakarta.jms.ObjectMessage, "never deserialised, never copied as such");
        }
        assertEquals(0L, count("SELECT COUNT(*) FROM visitor WHERE source_external_id = ?", strangerInUnknownInbox),
                "a refused message stores nothing, not even its visitor");
        assertEquals(0L, count("SELECT COUNT(*) FROM visitor WHERE source_external_id = ?", "c-" + run));
    }

    @Test
    public void jmsABurstWithEveryMessageSentTwiceLosesNothingAndDuplicatesNothing() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Legacy " + UUID.randomUUID())).settings().name();
        var run = UUID.randomUUID().toString();
        int customers = 4;
        int each = 10;
        try (var client = QueueClient.connect()) {
            // Every customer is new: their first messages race to create them (the losers are redelivered).
            for (int i = 0; i < each; i++) {
                for (int c = 0; c < customers; c++) {
                    var body = """
                            {"type":"visitor.message","externalId":"%s-%d-%d","inbox":"%s",
                             "visitor":{"externalId":"%s-%d"},"text":"message %d"}"""
                            .formatted(run, c, i, inbox, run, c, i);
                    client.sendText(InboundQueues.INBOUND, body, Map.of());
                    client.sendText(InboundQueues.INBOUND, body, Map.of());
                }
            }
        }
        await("every inbound message handled", Duration.ofSeconds(90), () -> count(
                "SELECT COUNT(*) FROM inbound_message WHERE external_id LIKE ?", run + "-%") == customers * each);
        Thread.sleep(1500); // room for a duplicate to do harm, if it could

        for (int c = 0; c < customers; c++) {
            var customer = run + "-" + c;
            assertEquals(List.of(List.of("1", String.valueOf(each), "1", String.valueOf(each),
                    String.valueOf(each))), rows("SELECT COUNT(DISTINCT c.id), COUNT(*), MIN(m.seq), MAX(m.seq), "
                    + "COUNT(DISTINCT m.body) FROM message m JOIN conversation c ON c.id = m.conversation_id "
                    + "JOIN visitor v ON v.id = c.visitor_id WHERE v.source_external_id = ?", customer),
                    "one conversation, each message once, gap-free: " + customer);
        }
        assertEquals(0L, count("SELECT COUNT(*) FROM message WHERE conversation_id IN (SELECT conversation_id FROM "
                + "inbound_message WHERE external_id LIKE ?) AND author_type <> 'VISITOR'", run + "-%"));
    }

    private static String property(jakarta.jms.Message message, String property) {
        try {
            return message.getStringProperty(property);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
