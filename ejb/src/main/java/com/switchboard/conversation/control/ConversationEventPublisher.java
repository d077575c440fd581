package com.switchboard.conversation.control;

import com.switchboard.platform.control.EventTopic;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** Conversation events onto the {@link EventTopic}, in the caller's transaction: they leave only on commit. */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ConversationEventPublisher {

    @EJB
    EventTopic topic;

    public void publish(ConversationEvent event) {
        topic.publish(event.type(), event.toJson());
    }

    public void publish(MessageStatusEvent event) {
        topic.publish(event.type(), event.toJson());
    }
}
