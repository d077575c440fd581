package com.switchboard.system.support;

import com.switchboard.messaging.Destinations;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A legacy subscriber of {@code switchboard.events} with a durable subscription (docs/JMS-CONTRACT.md: "use a
 * durable subscription to miss nothing while the subscriber is down"), its client reconnecting on its own when the
 * broker restarts. Keeps every event in the order it arrived. A copy the broker hands out again (the same
 * JMSMessageID: an acknowledgement lost with a broker crash) is the transport's doing and is set apart. A copy
 * the outbox's sweep sent again ({@code switchboard_resent}: the node died between the broker's commit and the
 * outbox's) is allowed by the contract and counted; two other messages for one (conversation, seq) are the
 * product's fault.
 */
public final class EventRecorder implements AutoCloseable {

    private final Connection connection;
    private final List<JsonObject> events = new ArrayList<>();
    private final Set<String> messageIds = new HashSet<>();
    private final Set<JsonObject> resent = Collections.newSetFromMap(new IdentityHashMap<>());
    private int redelivered;
    private final List<String> outsideTheContract = new ArrayList<>();

    private EventRecorder(Connection connection) {
        this.connection = connection;
    }

    public static EventRecorder subscribe(String brokerUrl, String subscription) throws JMSException {
        var factory = new ActiveMQConnectionFactory(brokerUrl + "?reconnectAttempts=-1&retryInterval=500"
                + "&retryIntervalMultiplier=1.0&initialConnectAttempts=20");
        var connection = factory.createConnection(ExternalArtemis.SENDER_USER, ExternalArtemis.SENDER_PASSWORD);
        connection.setClientID(subscription);
        var recorder = new EventRecorder(connection);
        var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createDurableSubscriber(session.createTopic(Destinations.EVENTS), subscription)
                .setMessageListener(message -> recorder.record(message));
        connection.start();
        return recorder;
    }

    private void record(jakarta.jms.Message message) {
        try {
            var text = ((TextMessage) message).getText();
            synchronized (this) {
                if (!messageIds.add(message.getJMSMessageID())) {
                    redelivered++;
                    return;
                }
                try (var reader = Json.createReader(new StringReader(text))) {
                    var event = reader.readObject();
                    events.add(event);
                    outsideTheContract.addAll(JmsSchemas.outboundProblems(event));
                    if (message.propertyExists(Destinations.RESENT_PROPERTY)
                            && message.getBooleanProperty(Destinations.RESENT_PROPERTY)) {
                        resent.add(event);
                    }
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the events broke of their JSON Schemas (docs/jms-schema): empty when every one kept to it. */
    public synchronized List<String> outsideTheContract() {
        return List.copyOf(outsideTheContract);
    }

    public synchronized List<JsonObject> events() {
        return List.copyOf(events);
    }

    /** Copies the broker handed out again with the same message id (set apart, not in {@link #events}). */
    public synchronized int redelivered() {
        return redelivered;
    }

    /** The events in the order they arrived, without a copy marked as sent again of one that came already. */
    public synchronized List<JsonObject> withoutResentCopies() {
        var seen = new HashSet<List<Long>>();
        var once = new ArrayList<JsonObject>();
        for (var event : events) {
            var key = List.of(event.getJsonNumber("conversationId").longValue(),
                    event.getJsonNumber("seq").longValue());
            if (seen.add(key) || !resent.contains(event)) {
                once.add(event);
            }
        }
        return once;
    }

    /** Events the outbox's sweep sent again, which the broker may have had already. */
    public synchronized int resent() {
        return resent.size();
    }

    /** Each conversation's events by seq, as they arrived: a seq twice means it was published twice. */
    public synchronized Map<Long, List<Long>> seqsByConversation() {
        var seqs = new TreeMap<Long, List<Long>>();
        for (var event : events) {
            seqs.computeIfAbsent(event.getJsonNumber("conversationId").longValue(), id -> new ArrayList<>())
                    .add(event.getJsonNumber("seq").longValue());
        }
        return seqs;
    }

    /**
     * What is wrong with the events against each conversation's last seq in the database ({@code expected}): a seq
     * missing, one that should not exist, or one twice where no copy but the first was marked as sent again. Empty
     * when each arrived, once but for the contract's resent copies.
     */
    public synchronized List<String> problemsAgainst(Map<Long, Long> expected) {
        var problems = new ArrayList<String>();
        var copies = new HashMap<Long, Map<Long, Integer>>();
        var unmarked = new HashMap<Long, Map<Long, Integer>>();
        for (var event : events) {
            long conversation = event.getJsonNumber("conversationId").longValue();
            long seq = event.getJsonNumber("seq").longValue();
            copies.computeIfAbsent(conversation, id -> new HashMap<>()).merge(seq, 1, Integer::sum);
            if (!resent.contains(event)) {
                unmarked.computeIfAbsent(conversation, id -> new HashMap<>()).merge(seq, 1, Integer::sum);
            }
        }
        var all = new HashSet<>(expected.keySet());
        all.addAll(copies.keySet());
        for (var conversation : all) {
            var arrived = copies.getOrDefault(conversation, Map.of());
            var plain = unmarked.getOrDefault(conversation, Map.of());
            long last = expected.getOrDefault(conversation, 0L);
            for (long seq = 1; seq <= last; seq++) {
                int count = arrived.getOrDefault(seq, 0);
                if (count == 0 || plain.getOrDefault(seq, 0) > 1) {
                    problems.add("conversation " + conversation + " seq " + seq + " arrived " + count + " times ("
                            + plain.getOrDefault(seq, 0) + " not marked as sent again)");
                }
            }
            arrived.keySet().stream().filter(seq -> seq < 1 || seq > last).forEach(seq -> problems.add(
                    "conversation " + conversation + " seq " + seq + " arrived; the database counts to " + last));
        }
        return problems;
    }

    /** Events that arrived after an event of the same conversation with a higher seq (allowed after a crash). */
    public synchronized int overtaken() {
        int overtaken = 0;
        for (var arrived : seqsByConversation().values()) {
            long highest = 0;
            for (long seq : arrived) {
                if (seq < highest) {
                    overtaken++;
                }
                highest = Math.max(highest, seq);
            }
        }
        return overtaken;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
