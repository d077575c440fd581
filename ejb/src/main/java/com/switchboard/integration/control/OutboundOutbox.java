package com.switchboard.integration.control;

import com.switchboard.integration.entity.OutboundEvent;
import com.switchboard.messaging.Destinations;
import com.switchboard.platform.control.MessagingResources;
import com.switchboard.platform.control.OnCommit;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Topic;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbound events' outbox. An event is stored in the transaction of the change it reports and handed to the
 * {@link OutboundRelay} once that has committed; the relay sends a batch of them to the topic in one transaction
 * that also deletes their rows. So an event leaves only if its change committed, and at most once: a batch
 * deletes its rows first and sends only the events whose row it deleted, so a node sweeping up the same rows
 * (they look forgotten) sends nothing twice. Until then the row keeps the event through a crash or a broker
 * outage.
 */
@Stateless
public class OutboundOutbox {

    private static final Object PENDING = OutboundOutbox.class.getName() + ".pending";

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = MessagingResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @EJB
    OutboundRelay relay;

    @Inject
    @ConfigProperty(name = "switchboard.jms.events-topic", defaultValue = Destinations.EVENTS)
    String topicName;

    private Topic topic;

    /** Keeps the event with the caller's transaction; it goes to the relay once that commits. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void add(OutboundEvent event) {
        em.persist(event);
        OnCommit.<OutboundEvent>items(transaction, PENDING, relay::relay).add(event);
    }

    /**
     * Sends the events of the batch whose rows are still there, and deletes those rows, in one transaction.
     *
     * @return how many were sent (the others were sent by someone else already)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int send(List<OutboundEvent> batch) {
        var unsent = batch.stream().filter(this::delete).toList();
        if (unsent.isEmpty()) {
            return 0;
        }
        try (var context = connectionFactory.createContext()) {
            var producer = context.createProducer();
            if (topic == null) {
                topic = context.createTopic(topicName); // once per bean: Artemis asks the broker each time
            }
            for (var event : unsent) {
                var message = context.createTextMessage(event.getBody());
                message.setStringProperty("type", event.getType());
                message.setLongProperty("conversationId", event.getConversationId());
                message.setLongProperty("inboxId", event.getInboxId());
                message.setLongProperty("seq", event.getSeq());
                if (event.getExternalId() != null) {
                    message.setStringProperty("externalId", event.getExternalId());
                }
                producer.send(topic, message);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Could not send " + unsent.size() + " outbound events", e);
        }
        return unsent.size();
    }

    private boolean delete(OutboundEvent event) {
        // The row lock makes a second sender (a sweep on another node) wait for this one, then find nothing.
        return em.createNamedQuery(OutboundEvent.DELETE).setParameter("conversationId", event.getConversationId())
                .setParameter("seq", event.getSeq()).executeUpdate() == 1;
    }

    /** Events committed before {@code before} and still not sent: the relay lost them (a crash, the broker). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<OutboundEvent> unsentBefore(Instant before, int max) {
        return em.createNamedQuery(OutboundEvent.UNSENT_BEFORE, OutboundEvent.class).setParameter("before", before)
                .setMaxResults(max).getResultList();
    }
}
