package com.switchboard.realtime;

import com.switchboard.messaging.Destinations;
import com.switchboard.messaging.events.EventTopic;
import com.switchboard.messaging.events.InternalEvent;
import com.switchboard.messaging.events.InternalEvents;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * This node's subscription to committed events: reads each one ({@link InternalEvents}) and fires it as a CDI
 * event, which this node's caches observe first and its sockets after ({@link InternalEvent}). A non-durable
 * topic subscription with one session, so each node sees every event exactly once and in order. A body that is
 * not an event is rethrown, so the broker redelivers and finally dead-letters it. The broker's address comes from
 * the resource adapter's configuration. Not transacted: handing a frame to a socket is not something a
 * transaction can take back, and each node would otherwise pay a two-phase commit per event.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = Destinations.RESOURCE_ADAPTER),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.CONVERSATION_EVENTS),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConversationEventsConsumer implements MessageListener {

    @Inject
    Event<InternalEvent> committed;

    @Override
    public void onMessage(Message message) {
        if (!(message instanceof TextMessage text)) {
            throw new IllegalArgumentException("Events are text messages, got " + message.getClass());
        }
        try {
            committed.fire(InternalEvents.parse(message.getStringProperty(EventTopic.TYPE), text.getText()));
        } catch (JMSException e) {
            throw new IllegalStateException("Could not read an event", e);
        }
    }
}
