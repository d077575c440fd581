package com.switchboard.integration.control;

import com.switchboard.integration.entity.OutboundEvent;
import com.switchboard.messaging.Destinations;
import com.switchboard.messaging.control.MessagingResources;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Topic;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The legacy systems' topic. Events are published in a transaction of the broker alone, which commits before the
 * caller deletes their outbox rows and never together with it: a two-phase commit of the two would leave the
 * broker's side in doubt when a node dies between its phases, and nothing here could resolve it (the events
 * stayed invisible in the broker for good).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboundTopic {

    @Resource(lookup = MessagingResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    @ConfigProperty(name = "switchboard.jms.events-topic", defaultValue = Destinations.EVENTS)
    String topicName;

    private Topic topic;

    /**
     * @param again whether the events may have reached the broker before: sent again by the sweep, after a node
     *              died between the broker's commit and the rows' deletion (marked {@code switchboard_resent})
     */
    public void publish(List<OutboundEvent> events, boolean again) {
        try (var context = connectionFactory.createContext()) {
            var producer = context.createProducer();
            if (topic == null) {
                topic = context.createTopic(topicName); // once per bean: Artemis asks the broker each time
            }
            for (var event : events) {
                var message = context.createTextMessage(event.getBody());
                message.setStringProperty("type", event.getType());
                message.setLongProperty("conversationId", event.getConversationId());
                message.setLongProperty("inboxId", event.getInboxId());
                message.setLongProperty("seq", event.getSeq());
                if (event.getExternalId() != null) {
                    message.setStringProperty("externalId", event.getExternalId());
                }
                if (again) {
                    message.setBooleanProperty(Destinations.RESENT_PROPERTY, true);
                }
                producer.send(topic, message);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Could not send " + events.size() + " outbound events", e);
        }
    }
}
