package com.switchboard.platform.control;

import com.switchboard.messaging.Destinations;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.json.JsonObject;

/**
 * The one publisher of the internal events topic that brings every committed change to every node. Runs inside
 * the caller's transaction (MANDATORY): the send is enlisted in it, so an event leaves only when the change it
 * reports has committed, and never for a rollback. The {@code type} property lets consumers dispatch unparsed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class EventTopic {

    public static final String TYPE = "type";

    @Resource(lookup = MessagingResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    public void publish(String type, JsonObject body) {
        try (var context = connectionFactory.createContext()) {
            var message = context.createTextMessage(body.toString());
            message.setStringProperty(TYPE, type);
            // Non-persistent: only the nodes' non-durable subscriptions read this topic, which keep nothing across a
            // broker restart anyway; the send need not wait for the broker's answer.
            context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .send(context.createTopic(Destinations.CONVERSATION_EVENTS), message);
        } catch (JMSException e) {
            throw new IllegalStateException("Could not publish " + type, e);
        }
    }
}
