package com.switchboard.realtime;

import com.switchboard.conversation.control.TopicEvent;
import com.switchboard.messaging.Destinations;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * This node's subscription to committed conversation events: hands each one to the sockets held here. A
 * non-durable topic subscription with one session, so each node sees every event exactly once and in order.
 * A body that is not an event is rethrown, so the broker redelivers and finally dead-letters it. The broker's
 * address comes from the resource adapter's configuration.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = Destinations.RESOURCE_ADAPTER),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.CONVERSATION_EVENTS),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
public class ConversationEventsConsumer implements MessageListener {

    @Inject
    AgentSessions agentSessions;

    @Override
    public void onMessage(Message message) {
        if (!(message instanceof TextMessage text)) {
            throw new IllegalArgumentException("Conversation events are text messages, got " + message.getClass());
        }
        try {
            agentSessions.push(TopicEvent.fromJson(text.getText()));
        } catch (JMSException e) {
            throw new IllegalStateException("Could not read a conversation event", e);
        }
    }
}
