package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Waits.await;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A plain, non-transacted JMS client of queues, as a legacy system would be: the Artemis client itself, not the
 * application's resource adapter (see {@link TopicSubscriber}). Sends to a queue and reads what reached one.
 */
final class QueueClient implements AutoCloseable {

    /** Artemis's duplicate-detection header: the broker drops a second message with the same value. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private final Connection connection;
    private final Session session;

    private QueueClient(Connection connection, Session session) {
        this.connection = connection;
        this.session = session;
    }

    static QueueClient connect() throws JMSException {
        var host = env("SWITCHBOARD_BROKER_HOST", "127.0.0.1");
        var port = env("SWITCHBOARD_BROKER_PORT", "61616");
        var connection = new ActiveMQConnectionFactory("tcp://" + host + ":" + port).createConnection();
        try {
            var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            return new QueueClient(connection, session);
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    Session session() {
        return session;
    }

    void sendText(String queue, String body, Map<String, String> properties) throws JMSException {
        send(queue, session.createTextMessage(body), properties);
    }

    void send(String queue, Message message, Map<String, String> properties) throws JMSException {
        for (var property : properties.entrySet()) {
            message.setStringProperty(property.getKey(), property.getValue());
        }
        try (var producer = session.createProducer(session.createQueue(queue))) {
            producer.send(message);
        }
    }

    /**
     * Posts one message to the inbound queue (its externalId is the first %s of the template) and waits until the
     * application has handled it.
     */
    String inbound(String template, Object... arguments) throws Exception {
        var externalId = "ext-" + UUID.randomUUID();
        var all = new ArrayList<Object>();
        all.add(externalId);
        all.addAll(List.of(arguments));
        sendText(InboundQueues.INBOUND, template.formatted(all.toArray()), Map.of());
        await("inbound message " + externalId + " handled",
                () -> count("SELECT COUNT(*) FROM inbound_message WHERE external_id = ?", externalId) == 1);
        return externalId;
    }

    /** Everything matching {@code selector} that reaches the queue within {@code wait} (waiting for at most n). */
    List<Message> receive(String queue, String selector, int n, Duration wait) throws JMSException {
        var received = new ArrayList<Message>();
        var deadline = System.nanoTime() + wait.toNanos();
        try (var consumer = session.createConsumer(session.createQueue(queue), selector)) {
            while (received.size() < n) {
                var left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                var message = left <= 0 ? null : consumer.receive(left);
                if (message == null) {
                    break;
                }
                received.add(message);
            }
        }
        return received;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
