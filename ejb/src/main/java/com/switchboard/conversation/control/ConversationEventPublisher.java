package com.switchboard.conversation.control;

import com.switchboard.messaging.Destinations;
import com.switchboard.platform.control.MessagingResources;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;

/**
 * Publishes conversation events to every node. Runs inside the caller's transaction (MANDATORY): the send is
 * enlisted in it, so an event leaves only when the change it reports has committed, and never for a rollback.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ConversationEventPublisher {

    @Resource(lookup = MessagingResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    public void publish(TopicEvent event) {
        try (var context = connectionFactory.createContext()) {
            var message = context.createTextMessage(event.toJson().toString());
            message.setStringProperty("type", event.type());
            message.setLongProperty("inboxId", event.inboxId());
            context.createProducer().send(context.createTopic(Destinations.CONVERSATION_EVENTS), message);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("Could not publish " + event.type(), e);
        }
    }
}
