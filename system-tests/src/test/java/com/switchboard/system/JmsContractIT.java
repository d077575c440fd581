package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.messaging.Destinations;
import com.switchboard.system.support.ExternalArtemis;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.JmsSchemas;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.MariaDb;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.SwitchboardProcess;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The JMS contract (docs/JMS-CONTRACT.md) against a real, separate Artemis broker made from the distribution
 * (security on, the jms-config address settings), with Switchboard's launcher and MariaDB: legacy systems post
 * with the Artemis CLI or a plain JMS client and subscribe to the outbound events with a plain JMS client.
 */
@ResourceLock(Lanes.OWN_NODES)
class JmsContractIT {

    private static final String DATABASE = "switchboard_jms";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ExternalArtemis broker;
    private static SwitchboardProcess switchboard;
    private static String adminToken;

    @BeforeAll
    static void start() throws Exception {
        MariaDb.recreate(DATABASE);
        var work = Path.of(System.getProperty("it.work", "target/it-work")).toAbsolutePath();
        broker = ExternalArtemis.start(work.resolve("jms-contract-broker"));
        switchboard = SwitchboardProcess.launch("jms-contract", Map.of(
                "SWITCHBOARD_DB_URL", MariaDb.jdbcUrl(DATABASE),
                "SWITCHBOARD_DB_USER", MariaDb.APP_USER,
                "SWITCHBOARD_DB_PASSWORD", MariaDb.APP_PASSWORD,
                "SWITCHBOARD_BROKER_HOST", "127.0.0.1",
                "SWITCHBOARD_BROKER_PORT", Integer.toString(broker.port()),
                "SWITCHBOARD_BROKER_USER", ExternalArtemis.APP_USER,
                "SWITCHBOARD_BROKER_PASSWORD", ExternalArtemis.APP_PASSWORD,
                "SWITCHBOARD_DATA_DIR", "data",
                "SWITCHBOARD_ADMIN_EMAIL", "admin@example.com",
                "SWITCHBOARD_ADMIN_PASSWORD", "first-admin-secret"));
        switchboard.awaitReady(Duration.ofMinutes(4));
        adminToken = switchboard.signIn("admin@example.com", "first-admin-secret");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (switchboard != null) {
                switchboard.close();
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    @Test
    void aMessagePostedWithTheArtemisCliOpensAConversationAndItsEventsReachAPlainSubscriber() throws Exception {
        var customer = "cust-" + UUID.randomUUID();
        var externalId = "crm-" + UUID.randomUUID();
        var text = "Order " + UUID.randomUUID() + " has not arrived";
        try (var events = EventSubscriber.subscribe(broker)) {
            var message = """
                    {"type":"visitor.message","externalId":"%s","inbox":"support",
                     "visitor":{"externalId":"%s","name":"Ada Lovelace"},"text":"%s"}"""
                    .formatted(externalId, customer, text);
            assertEquals(List.of(), JmsSchemas.inboundProblems(json(message)), "the contract's own example");
            var sent = post(message);
            assertEquals(0, sent.exitCode(), sent.output());

            var listed = awaitListed(text);
            assertEquals("JMS", listed.getString("channel"));
            long conversation = listed.getJsonNumber("id").longValue();

            var received = events.await(e -> e.getJsonNumber("conversationId").longValue() == conversation, 3);
            assertEquals(List.of("conversation.created", "message.created", "conversation.queued"),
                    received.stream().map(e -> e.getString("type")).toList());
            assertEquals(List.of(1L, 2L, 3L), received.stream().map(e -> e.getJsonNumber("seq").longValue()).toList());
            received.forEach(e -> assertEquals(externalId, e.getString("externalId"), e.toString()));
            received.forEach(e -> assertEquals(externalId, e.getString("conversationExternalId"), e.toString()));
            assertEquals(customer, received.get(0).getString("visitorExternalId"));
            assertEquals(text, received.get(1).getString("text"));
            assertEquals("VISITOR", received.get(1).getString("author"));

            // The customer card names the legacy system: the broker user that sent it, as the broker vouches.
            var card = Http.send("GET", switchboard.appUrl() + "/api/agent/conversations/" + conversation
                    + "/customer", adminToken, null);
            assertEquals(200, card.statusCode(), card.body());
            var source = json(card.body()).getJsonObject("source");
            assertEquals(List.of("JMS", ExternalArtemis.SENDER_USER, customer), List.of(source.getString("channel"),
                    source.getString("system", null), source.getString("externalId", null)), source.toString());
        }
    }

    @Test
    void aLegacySystemWithoutTheSendRoleCannotPost() throws Exception {
        var externalId = "crm-" + UUID.randomUUID();
        var refused = broker.cli("producer", "--url", broker.url(), "--user", ExternalArtemis.STRANGER_USER,
                "--password", ExternalArtemis.STRANGER_PASSWORD, "--destination", "queue://" + Destinations.INBOUND,
                "--message-count", "1", "--message", """
                        {"type":"visitor.message","externalId":"%s","inbox":"support",
                         "visitor":{"externalId":"x"},"text":"let me in"}""".formatted(externalId));

        assertTrue(refused.output().contains("AMQ229032"), refused.output()); // does not have permission='SEND'
        Thread.sleep(1000);
        assertEquals(0, count("SELECT COUNT(*) FROM inbound_message WHERE external_id = ?", externalId));
    }

    @Test
    void theSameExternalIdTwiceAndTheSameDuplicateIdTwiceEachPostOneMessage() throws Exception {
        var customer = "cust-" + UUID.randomUUID();
        var byBody = "crm-" + UUID.randomUUID();
        var byHeader = "crm-" + UUID.randomUUID();
        var withId = """
                {"type":"visitor.message","externalId":"%s","inbox":"support","visitor":{"externalId":"%s"},
                 "text":"first"}""".formatted(byBody, customer);
        // No externalId in the body: the broker's duplicate id is the message's id.
        var withoutId = """
                {"type":"visitor.message","inbox":"support","visitor":{"externalId":"%s"},"text":"second"}"""
                .formatted(customer);
        var header = "[{\"type\":\"string\",\"key\":\"_AMQ_DUPL_ID\",\"value\":\"" + byHeader + "\"}]";
        for (int i = 0; i < 2; i++) {
            assertEquals(0, post(withId).exitCode());
            assertEquals(0, post(withoutId, "--properties", header).exitCode());
        }

        await("both handled", () -> count("SELECT COUNT(*) FROM inbound_message WHERE external_id IN (?, ?)",
                byBody, byHeader) == 2);
        Thread.sleep(1500); // room for a duplicate to do harm, if it could
        assertEquals(List.of("first", "second"), strings("SELECT m.body FROM message m JOIN conversation c ON "
                + "c.id = m.conversation_id JOIN visitor v ON v.id = c.visitor_id WHERE v.source_external_id = ? "
                + "ORDER BY m.body", customer));
    }

    @Test
    void aMessageWhoseHandlingFailsForAMomentIsRedeliveredAndActsOnce() throws Exception {
        var customer = "cust-" + UUID.randomUUID();
        var externalId = "crm-" + UUID.randomUUID();
        // The database "fails" for the application: the table every inbound message is checked against is away.
        execute("RENAME TABLE inbound_message TO inbound_message_away");
        try {
            assertEquals(0, post("""
                    {"type":"visitor.message","externalId":"%s","inbox":"support","visitor":{"externalId":"%s"},
                     "text":"retry me"}""".formatted(externalId, customer)).exitCode());
            await("the first delivery failed", () -> switchboard.output().stream()
                    .anyMatch(line -> line.contains("inbound_message") && line.contains("exist")));
        } finally {
            execute("RENAME TABLE inbound_message_away TO inbound_message");
        }

        await("the redelivery handled it", () -> count(
                "SELECT COUNT(*) FROM inbound_message WHERE external_id = ?", externalId) == 1);
        assertEquals(List.of("retry me"), strings("SELECT m.body FROM message m JOIN conversation c ON "
                + "c.id = m.conversation_id JOIN visitor v ON v.id = c.visitor_id WHERE v.source_external_id = ?",
                customer));
    }

    @Test
    void poisonMessagesGoToTheDeadLetterQueueWithTheirReasonsAndAnObjectMessageIsNeverOpened() throws Exception {
        var run = UUID.randomUUID().toString();
        var tag = "[{\"type\":\"string\",\"key\":\"legacy_batch\",\"value\":\"" + run + "\"}]";
        assertEquals(0, post("this is not JSON", "--properties", tag).exitCode());
        assertEquals(0, post("{\"type\":\"order.created\",\"externalId\":\"" + run + "-1\"}", "--properties", tag)
                .exitCode());
        assertEquals(0, post("{\"type\":\"visitor.message\",\"externalId\":\"" + run + "-2\",\"inbox\":\"nowhere\","
                + "\"visitor\":{\"externalId\":\"c\"},\"text\":\"hi\"}", "--properties", tag).exitCode());
        var object = broker.cli("producer", "--url", broker.url(), "--user", ExternalArtemis.SENDER_USER,
                "--password", ExternalArtemis.SENDER_PASSWORD, "--destination", "queue://" + Destinations.INBOUND,
                "--message-count", "1", "--object-size", "64", "--properties", tag);
        assertEquals(0, object.exitCode(), object.output());

        var reasons = new HashMap<String, String>();
        try (var connection = senderConnection()) {
            var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var consumer = session.createConsumer(session.createQueue(Destinations.INBOUND_DLQ),
                    "legacy_batch = '" + run + "'");
            connection.start();
            while (reasons.size() < 4) {
                var message = consumer.receive(WAIT.toMillis());
                assertTrue(message != null, "dead letters so far: " + reasons);
                reasons.put(message.getStringProperty("switchboard_original_type") + " "
                        + message.getStringProperty(Destinations.REASON_PROPERTY).split(":")[0], "");
            }
        }
        assertEquals(new HashSet<>(List.of("TextMessage inbound.not-json", "TextMessage inbound.type-unknown",
                "TextMessage inbox.unknown", "ObjectMessage inbound.not-text")), reasons.keySet());
        assertEquals(0, count("SELECT COUNT(*) FROM inbound_message WHERE external_id LIKE ?", run + "%"));
    }

    @Test
    void aBurstOfAThousandMessagesLosesNothingDuplicatesNothingAndEveryEventLeavesOnce() throws Exception {
        var run = UUID.randomUUID().toString();
        int customers = 50;
        int each = 20;
        try (var events = EventSubscriber.subscribe(broker); var connection = senderConnection()) {
            var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(session.createQueue(Destinations.INBOUND));
            for (int i = 0; i < each; i++) {
                for (int c = 0; c < customers; c++) {
                    var externalId = run + "-" + c + "-" + i;
                    var message = session.createTextMessage("""
                            {"type":"visitor.message","externalId":"%s","inbox":"support",
                             "visitor":{"externalId":"%s-%d"},"text":"message %d"}"""
                            .formatted(externalId, run, c, i));
                    message.setStringProperty("_AMQ_DUPL_ID", externalId);
                    // Each customer's messages in order, as the contract advises a sender that needs it.
                    message.setStringProperty("JMSXGroupID", run + "-" + c);
                    producer.send(message);
                }
            }

            await("every message handled", Duration.ofMinutes(4), () -> count(
                    "SELECT COUNT(*) FROM inbound_message WHERE external_id LIKE ?", run + "-%")
                    == customers * each);
            assertEquals(List.of((long) customers, (long) customers * each), List.of(
                    count("SELECT COUNT(DISTINCT c.id) FROM conversation c JOIN visitor v ON v.id = c.visitor_id "
                            + "WHERE v.source_external_id LIKE ?", run + "-%"),
                    count("SELECT COUNT(*) FROM message m JOIN conversation c ON c.id = m.conversation_id JOIN "
                            + "visitor v ON v.id = c.visitor_id WHERE v.source_external_id LIKE ?", run + "-%")));

            // Per conversation: created, the first message, queued, then the other 19 messages: 22 events.
            int perConversation = each + 2;
            var received = events.awaitCount(e -> e.getString("conversationExternalId", "").startsWith(run + "-"),
                    customers * perConversation, Duration.ofMinutes(2));
            Thread.sleep(1500); // room for a duplicate event to arrive, if there were one
            received.addAll(events.drain(e -> e.getString("conversationExternalId", "").startsWith(run + "-")));
            assertEquals(customers * perConversation, received.size(), "every event once");
            var messageIds = received.stream().filter(e -> e.getString("type").equals("message.created"))
                    .map(e -> e.getString("externalId")).toList();
            assertEquals(customers * each, new HashSet<>(messageIds).size(), "one message.created per message");
            var byConversation = new HashMap<Long, List<Long>>();
            received.forEach(e -> byConversation.computeIfAbsent(e.getJsonNumber("conversationId").longValue(),
                    k -> new ArrayList<>()).add(e.getJsonNumber("seq").longValue()));
            byConversation.forEach((conversation, seqs) -> assertEquals(
                    java.util.stream.LongStream.rangeClosed(1, perConversation).boxed().toList(),
                    seqs.stream().sorted().toList(), "gap-free, no repeats: conversation " + conversation));
        }
    }

    /**
     * A conversation from its first message to its archive, each step's event held to its schema (the subscriber
     * checks every event it receives): created, the message, queued, offered, assigned, a legacy system's message,
     * closed, archived.
     */
    @Test
    void aConversationsLifeReachesTheTopicEachEventAsItsSchemaSays() throws Exception {
        var customer = "life-" + UUID.randomUUID();
        var lia = deskOfOne(customer, "Lia Life");
        try (var events = EventSubscriber.subscribe(broker); var connection = senderConnection()) {
            var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(session.createQueue(Destinations.INBOUND));
            var first = """
                    {"type":"visitor.message","externalId":"%s-1","inbox":"%s",
                     "visitor":{"externalId":"%s","name":"Lin Life"},"text":"%s begins"}"""
                    .formatted(customer, customer, customer, customer);
            assertEquals(List.of(), JmsSchemas.inboundProblems(json(first)));
            producer.send(session.createTextMessage(first));
            long conversation = awaitListed(customer + " begins").getJsonNumber("id").longValue();
            java.util.function.Predicate<JsonObject> ours = e -> e.getJsonNumber("conversationId").longValue()
                    == conversation;
            assertEquals(List.of("conversation.created", "message.created", "conversation.queued"),
                    events.await(ours, 3).stream().map(e -> e.getString("type")).toList());

            var online = Http.send("PUT", switchboard.appUrl() + "/api/agent/me/presence", lia,
                    "{\"presence\":\"ONLINE\"}");
            assertEquals(200, online.statusCode(), online.body());
            var offer = events.await(ours, 1).get(0);
            assertEquals("offer.created", offer.getString("type"));
            var accepted = Http.send("POST", switchboard.appUrl() + "/api/agent/offers/"
                    + offer.getJsonNumber("offerId").longValue() + "/accept", lia, null);
            assertEquals(204, accepted.statusCode(), accepted.body());
            assertEquals("conversation.assigned", events.await(ours, 1).get(0).getString("type"));

            // Posted one after the other, two inbound messages may be handled in either order (the contract's
            // "Order"): like a careful sender, this one waits for the first one's outcome before posting the next.
            var message = """
                    {"type":"system.message","externalId":"%s-2","conversationId":%d,"text":"Your order left"}"""
                    .formatted(customer, conversation);
            var close = """
                    {"type":"conversation.close","externalId":"%s-3","conversationId":%d}"""
                    .formatted(customer, conversation);
            assertEquals(List.of(), JmsSchemas.inboundProblems(json(message)), message);
            assertEquals(List.of(), JmsSchemas.inboundProblems(json(close)), close);
            producer.send(session.createTextMessage(message));
            assertEquals("message.created", events.await(ours, 1).get(0).getString("type"));
            producer.send(session.createTextMessage(close));
            assertEquals("conversation.closed", events.await(ours, 1).get(0).getString("type"));
            var archived = Http.send("POST", switchboard.appUrl() + "/api/agent/conversations/" + conversation
                    + "/workspace/archive", adminToken, null);
            assertEquals(204, archived.statusCode(), archived.body());
            assertEquals("conversation.archived", events.await(ours, 1).get(0).getString("type"));
        }
    }

    /**
     * What a legacy system hears of a widget's chat, each event held to its schema: a transfer to another inbox's
     * queue by the agent who held it, and the visitor's rating once the chat was closed.
     */
    @Test
    void aTransferAndTheVisitorsRatingReachTheTopicAsTheirSchemasSay() throws Exception {
        var name = "rated-" + UUID.randomUUID();
        var rae = deskOfOne(name, "Rae Rated");
        try (var events = EventSubscriber.subscribe(broker);
             var visitor = SocketClient.connect(switchboard.wsUrl() + "/ws/visitor?inbox=" + name)) {
            var visitorToken = visitor.next("welcome", WAIT).getString("visitorToken");
            visitor.send(Json.createObjectBuilder().add("type", "message.send").add("text", "rate me later").build());
            long conversation = visitor.next("message.accepted", WAIT).getJsonNumber("conversationId").longValue();
            java.util.function.Predicate<JsonObject> ours = e -> e.getJsonNumber("conversationId").longValue()
                    == conversation;
            java.util.function.Function<String, java.util.function.Predicate<JsonObject>> ourType = type ->
                    ours.and(e -> type.equals(e.getString("type")));

            assertEquals(200, Http.send("PUT", switchboard.appUrl() + "/api/agent/me/presence", rae,
                    "{\"presence\":\"ONLINE\"}").statusCode());
            var offer = events.await(ourType.apply("offer.created"), 1).get(0);
            assertEquals(204, Http.send("POST", switchboard.appUrl() + "/api/agent/offers/"
                    + offer.getJsonNumber("offerId").longValue() + "/accept", rae, null).statusCode());
            events.await(ourType.apply("conversation.assigned"), 1);

            var billing = json(created("/api/agent/inboxes", Json.createObjectBuilder().add("name", name + "-billing")))
                    .getJsonNumber("id").longValue();
            var transfer = Http.send("POST", switchboard.appUrl() + "/api/agent/conversations/" + conversation
                    + "/routing/transfer", rae, "{\"inboxId\":" + billing + "}");
            assertEquals(200, transfer.statusCode(), transfer.body());
            var transferred = events.await(ourType.apply("conversation.transferred"), 1).get(0);
            assertEquals(billing, transferred.getJsonNumber("inboxId").longValue(), transferred.toString());

            assertEquals(204, Http.send("POST", switchboard.appUrl() + "/api/agent/conversations/" + conversation
                    + "/workspace/close", adminToken, null).statusCode());
            events.await(ourType.apply("conversation.closed"), 1);
            var rating = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(switchboard.appUrl()
                    + "/api/visitor/conversations/" + conversation + "/rating")).header("X-Visitor-Token", visitorToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"score\":4,\"comment\":\"Quick and kind\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, rating.statusCode(), rating.body());
            var rated = events.await(ourType.apply("conversation.rated"), 1).get(0);
            assertEquals(List.of("FIVE", 4, true, "Quick and kind"), List.of(rated.getString("scale"),
                    rated.getInt("score"), rated.getBoolean("satisfied"), rated.getString("comment")), rated.toString());
        }
    }

    // -- helpers ------------------------------------------------------------------------------------------------

    /**
     * An inbox called {@code name} whose only member is an agent of its own: nothing else waits there for them.
     * Returns the agent's token.
     */
    private static String deskOfOne(String name, String agentName) throws Exception {
        var inbox = json(created("/api/agent/inboxes", Json.createObjectBuilder().add("name", name)))
                .getJsonNumber("id").longValue();
        var email = name + "@example.com";
        var password = "the password of " + name;
        long agent = json(created("/api/agent/agents", Json.createObjectBuilder().add("email", email)
                .add("name", agentName).add("password", password)
                .add("roles", Json.createArrayBuilder().add("AGENT")))).getJsonNumber("agentId").longValue();
        created("/api/agent/inboxes/" + inbox + "/members", Json.createObjectBuilder().add("agentId", agent)
                .add("capacity", 5));
        return switchboard.signIn(email, password);
    }

    /** A POST of the admin's that must answer 201; its body. */
    private static String created(String path, jakarta.json.JsonObjectBuilder body) throws Exception {
        var response = Http.send("POST", switchboard.appUrl() + path, adminToken, body.build().toString());
        assertEquals(201, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    /** {@code artemis producer} as the legacy system "crm" runs it. */
    private static ExternalArtemis.CliResult post(String body, String... more) throws Exception {
        var arguments = new ArrayList<>(List.of("producer", "--url", broker.url(), "--user",
                ExternalArtemis.SENDER_USER, "--password", ExternalArtemis.SENDER_PASSWORD,
                "--destination", "queue://" + Destinations.INBOUND, "--message-count", "1", "--message", body));
        arguments.addAll(List.of(more));
        return broker.cli(arguments.toArray(String[]::new));
    }

    private static Connection senderConnection() throws JMSException {
        var factory = new ActiveMQConnectionFactory(broker.url());
        return factory.createConnection(ExternalArtemis.SENDER_USER, ExternalArtemis.SENDER_PASSWORD);
    }

    private static JsonObject awaitListed(String lastMessage) throws Exception {
        var found = new JsonObject[1];
        await("a JMS conversation with '" + lastMessage + "' listed", () -> {
            try {
                var page = Http.send("GET", switchboard.appUrl() + "/api/agent/conversations?channel=JMS&size=100",
                        adminToken, null);
                found[0] = json(page.body()).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                        .filter(item -> lastMessage.equals(item.getString("lastMessage", null))).findFirst()
                        .orElse(null);
                return found[0] != null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return found[0];
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, WAIT, condition);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not after " + timeout + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    private static long count(String sql, Object... parameters) {
        var values = strings(sql, parameters);
        return Long.parseLong(values.get(0));
    }

    private static List<String> strings(String sql, Object... parameters) {
        try (var connection = MariaDb.connect(DATABASE); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            var values = new ArrayList<String>();
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (var connection = MariaDb.connect(DATABASE); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A legacy system's plain JMS subscriber to the outbound topic (Artemis client, user crm). */
    private static final class EventSubscriber implements AutoCloseable {
        private final Connection connection;
        private final MessageConsumer consumer;
        private final List<JsonObject> unclaimed = new CopyOnWriteArrayList<>();

        private EventSubscriber(Connection connection, MessageConsumer consumer) {
            this.connection = connection;
            this.consumer = consumer;
        }

        static EventSubscriber subscribe(ExternalArtemis broker) throws JMSException {
            var connection = new ActiveMQConnectionFactory(broker.url())
                    .createConnection(ExternalArtemis.SENDER_USER, ExternalArtemis.SENDER_PASSWORD);
            var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var consumer = session.createConsumer(session.createTopic(Destinations.EVENTS));
            connection.start();
            return new EventSubscriber(connection, consumer);
        }

        /** The first {@code wanted} events that match, in the order of their seq. */
        List<JsonObject> await(java.util.function.Predicate<JsonObject> match, int wanted) throws JMSException {
            var found = awaitCount(match, wanted, WAIT);
            found.sort(java.util.Comparator.comparingLong(e -> e.getJsonNumber("seq").longValue()));
            return found;
        }

        List<JsonObject> awaitCount(java.util.function.Predicate<JsonObject> match, int wanted, Duration timeout)
                throws JMSException {
            var found = new ArrayList<JsonObject>();
            var deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < wanted) {
                var left = (deadline - System.nanoTime()) / 1_000_000;
                var message = left > 0 ? consumer.receive(left) : null;
                if (message == null) {
                    throw new AssertionError("Only " + found.size() + " of " + wanted + " events: " + found);
                }
                assertEquals(Destinations.EVENTS, ((jakarta.jms.Topic) message.getJMSDestination()).getTopicName());
                var event = json(((TextMessage) message).getText());
                assertEquals(List.of(), JmsSchemas.outboundProblems(event), event.toString());
                assertEquals(event.getString("type"), message.getStringProperty("type"), "the type property");
                assertEquals(event.getJsonNumber("conversationId").longValue(),
                        message.getLongProperty("conversationId"), "the conversationId property");
                if (match.test(event)) {
                    found.add(event);
                } else {
                    unclaimed.add(event);
                }
            }
            return found;
        }

        /** What arrives without waiting, that matches. */
        List<JsonObject> drain(java.util.function.Predicate<JsonObject> match) throws JMSException {
            var found = new ArrayList<JsonObject>();
            jakarta.jms.Message message;
            while ((message = consumer.receiveNoWait()) != null) {
                var event = json(((TextMessage) message).getText());
                assertEquals(List.of(), JmsSchemas.outboundProblems(event), event.toString());
                if (match.test(event)) {
                    found.add(event);
                }
            }
            return found;
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }
}
