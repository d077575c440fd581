package com.switchboard.system.support;

import com.switchboard.messaging.Destinations;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A legacy system posting {@code visitor.message} to the inbound queue, as docs/JMS-CONTRACT.md tells it to: its
 * own {@code externalId} per message (also as {@code _AMQ_DUPL_ID}), persistent sends, and a message whose send
 * failed sent again with the same id. A message counts as acknowledged once the broker answered its send; the
 * text is {@code "jms <externalId>"}, so what Switchboard stored can be matched to the ledger.
 */
public final class LegacySender {

    private final String brokerUrl;
    private final String inbox;
    private final DeliveryLedger ledger;
    private final List<String> unsent = new ArrayList<>();
    private int sent;
    private int failedSends;
    private Connection connection;
    private MessageProducer producer;
    private Session session;

    public LegacySender(String brokerUrl, String inbox, DeliveryLedger ledger) {
        this.brokerUrl = brokerUrl;
        this.inbox = inbox;
        this.ledger = ledger;
    }

    /** Posts one message after the other, {@code pace} apart, while {@code go} holds. Call from its own thread. */
    public void sendWhile(BooleanSupplier go, Duration pace) {
        try {
            while (go.getAsBoolean()) {
                String externalId;
                if (unsent.isEmpty()) {
                    externalId = "x-" + String.format("%05d", ++sent);
                    ledger.sent(externalId);
                } else {
                    externalId = unsent.remove(0);
                }
                if (!send(externalId)) {
                    unsent.add(0, externalId);
                }
                Thread.sleep(pace.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends what was never acknowledged again, until the broker takes each. */
    public void resendUnacknowledged() throws InterruptedException {
        var pending = new ArrayList<>(ledger.unacknowledged().stream().filter(id -> id.startsWith("x-")).toList());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!pending.isEmpty()) {
            if (send(pending.get(0))) {
                pending.remove(0);
            } else if (System.nanoTime() > deadline) {
                throw new AssertionError("the broker took none of " + pending + " within a minute");
            } else {
                Thread.sleep(500);
            }
        }
        unsent.clear();
    }

    /** Sends that failed with an exception (the broker away): the sender was told, and sent again. */
    public int failedSends() {
        return failedSends;
    }

    private boolean send(String externalId) {
        try {
            if (producer == null) {
                var factory = new ActiveMQConnectionFactory(brokerUrl);
                connection = factory.createConnection(ExternalArtemis.SENDER_USER, ExternalArtemis.SENDER_PASSWORD);
                session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                producer = session.createProducer(session.createQueue(Destinations.INBOUND));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            }
            var customer = "cust-" + (Integer.parseInt(externalId.substring(2)) % 7);
            var message = session.createTextMessage("""
                    {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"jms %s"}""".formatted(externalId, inbox, customer, externalId));
            message.setStringProperty("_AMQ_DUPL_ID", externalId);
            message.setStringProperty("JMSXGroupID", customer);
            producer.send(message);
            ledger.acknowledged(externalId, null);
            return true;
        } catch (JMSException | RuntimeException e) {
            failedSends++;
            close();
            return false;
        }
    }

    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException ignored) {
                // the broker is gone; the next send opens a new connection
            }
        }
        connection = null;
        session = null;
        producer = null;
    }
}
