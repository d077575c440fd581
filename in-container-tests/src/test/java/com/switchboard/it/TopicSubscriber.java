package com.switchboard.it;

import com.switchboard.messaging.Destinations;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A plain, non-transacted JMS subscriber to a topic, made with the Artemis client itself rather than with the
 * application's resource-adapter connection factory: the observer must not share the code path it checks, and
 * an RA connection outside a JTA transaction is not a dependable plain client (see PLATFORM.md). The classes come
 * from the deployed {@code artemis-rar}, whose client Payara exposes to the application that uses the adapter.
 * Runs in the container; the broker address is the one the application itself is given.
 */
final class TopicSubscriber implements AutoCloseable {

    private final Connection connection;
    private final MessageConsumer consumer;
    private final List<String> seen = new ArrayList<>();
    private final Set<String> resent = new HashSet<>();

    private TopicSubscriber(Connection connection, MessageConsumer consumer) {
        this.connection = connection;
        this.consumer = consumer;
    }

    /** Subscribes now: every event published from this moment on reaches this subscriber. */
    static TopicSubscriber subscribe(String topic) throws JMSException {
        var host = env("SWITCHBOARD_BROKER_HOST", "127.0.0.1");
        var port = env("SWITCHBOARD_BROKER_PORT", "61616");
        var factory = new ActiveMQConnectionFactory("tcp://" + host + ":" + port);
        var connection = factory.createConnection();
        try {
            var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var consumer = session.createConsumer(session.createTopic(topic));
            connection.start();
            return new TopicSubscriber(connection, consumer);
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Waits up to {@code timeout} for a text message whose body satisfies {@code wanted}; other messages (events
     * of other tests) are recorded and skipped.
     */
    Optional<String> await(Predicate<String> wanted, Duration timeout) throws JMSException {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                return Optional.empty();
            }
            var message = consumer.receive(left);
            if (message == null) {
                return Optional.empty();
            }
            var body = message instanceof TextMessage text ? text.getText() : String.valueOf(message);
            seen.add(body);
            if (message.propertyExists(Destinations.RESENT_PROPERTY)
                    && message.getBooleanProperty(Destinations.RESENT_PROPERTY)) {
                resent.add(body);
            }
            if (wanted.test(body)) {
                return Optional.of(body);
            }
        }
    }

    /** Whether the message with this body was marked as sent again by the outbox's sweep. */
    boolean resent(String body) {
        return resent.contains(body);
    }

    /** Every message received so far, for failure messages. */
    List<String> seen() {
        return List.copyOf(seen);
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
