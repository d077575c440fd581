package com.switchboard.messaging.control;

import com.switchboard.monitoring.RepeatedFailure;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * JMS sends that leave once the caller's transaction has committed, and not at all if it rolls back. They go
 * outside that transaction, from one thread of this node in the order the transactions committed, whatever has
 * queued up meanwhile in one transaction of the broker alone: enlisting the broker in the change's transaction
 * made every change a two-phase commit of the database and the broker, and now the committing thread does not
 * wait for the broker either. What goes this way needs no stronger guarantee, because what a crash or an absent
 * broker loses between the commit and the send is recovered from the database: live clients resume by sequence
 * number, the routing sweeper routes a waiting conversation the router never saw. What must never be lost does
 * not go this way (the legacy systems' events have their outbox).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class SendAfterCommit {

    private static final Logger LOG = Logger.getLogger(SendAfterCommit.class.getName());
    private static final Object PENDING = SendAfterCommit.class.getName() + ".pending";
    private static final int BATCH = 200;

    /**
     * One message to send: a text body with string properties, to a topic or a queue; persistent ones are kept
     * by the broker across its restarts.
     */
    public record Outgoing(String destination, boolean topic, boolean persistent, String body,
                           Map<String, String> properties) {
    }

    @Resource(lookup = MessagingResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    SessionContext session;

    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    private OrderedBatches<Outgoing> committed;
    private final RepeatedFailure failures = new RepeatedFailure(LOG, "Sending messages after commit");

    @PostConstruct
    void start() {
        committed = new OrderedBatches<>(threads, "switchboard-send-after-commit", BATCH, this::sendBatch);
    }

    @PreDestroy
    void stop() {
        committed.close();
    }

    public void send(Outgoing message) {
        OnCommit.<Outgoing>items(transaction, PENDING, committed::addAll).add(message);
    }

    private void sendBatch(List<Outgoing> batch) {
        try {
            session.getBusinessObject(SendAfterCommit.class).sendNow(batch);
            failures.succeeded();
        } catch (RuntimeException e) {
            // The changes are committed and stay; what their messages were for is recovered from the database.
            failures.failed(e, () -> "Could not send " + batch.size() + " message(s) of committed "
                    + "transactions (the first to " + batch.get(0).destination() + ")");
        }
    }

    /**
     * On the sender's thread only: the batch in one transaction of the broker alone (a one-phase commit). The
     * resource adapter's sessions deliver nothing outside a transaction, even those of a factory that is not
     * transactional.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void sendNow(List<Outgoing> messages) {
        try (var context = connectionFactory.createContext()) {
            var producer = context.createProducer();
            for (var message : messages) {
                send(context, producer, message);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Could not send " + messages.size() + " message(s)", e);
        }
    }

    private void send(JMSContext context, JMSProducer producer, Outgoing outgoing) throws JMSException {
        var message = context.createTextMessage(outgoing.body());
        for (var property : outgoing.properties().entrySet()) {
            message.setStringProperty(property.getKey(), property.getValue());
        }
        producer.setDeliveryMode(outgoing.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT)
                .send(destination(context, outgoing), message);
    }

    /**
     * Made once per name: Artemis asks the broker whether a queue or topic exists each time one is made, a
     * round trip that had been part of every send.
     */
    private Destination destination(JMSContext context, Outgoing outgoing) {
        return destinations.computeIfAbsent((outgoing.topic() ? "topic:" : "queue:") + outgoing.destination(),
                key -> outgoing.topic() ? context.createTopic(outgoing.destination())
                        : context.createQueue(outgoing.destination()));
    }
}
