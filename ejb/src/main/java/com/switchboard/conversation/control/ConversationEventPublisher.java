package com.switchboard.conversation.control;

import com.switchboard.platform.control.EventTopic;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Conversation events onto the {@link EventTopic}, in the caller's transaction: they leave only on commit. Each is
 * also fired as a CDI event in that transaction, for observers outside the consoles' path (the outbound topic).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ConversationEventPublisher {

    @EJB
    EventTopic topic;

    @Inject
    Event<ConversationEvent> fired;

    public void publish(ConversationEvent event) {
        topic.publish(event.type(), event.toJson());
        fired.fire(event);
    }

    public void publish(MessageStatusEvent event) {
        topic.publish(event.type(), event.toJson());
    }
}
