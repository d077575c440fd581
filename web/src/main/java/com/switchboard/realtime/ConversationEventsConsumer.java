package com.switchboard.realtime;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.control.TokenRevocation;
import com.switchboard.conversation.boundary.LiveSignals;
import com.switchboard.conversation.control.Audience;
import com.switchboard.conversation.control.ConversationEvent;
import com.switchboard.conversation.control.ConversationEventPublisher;
import com.switchboard.conversation.control.MessageStatusEvent;
import com.switchboard.conversation.control.VisitorNotice;
import com.switchboard.customer.control.CustomerChanges;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.control.InboxCache;
import com.switchboard.messaging.Destinations;
import com.switchboard.platform.control.EventTopic;
import com.switchboard.routing.control.QueuePositions;
import com.switchboard.visitor.control.BlocksInForce;
import com.switchboard.visitor.control.VisitorBlockedEvent;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * This node's subscription to committed events: hands each one to the sockets held here (conversation events
 * and signals to the agents and the visitor who may see them, notices to the visitor; blocks close the visitor
 * sockets they cover), and renews what this node keeps of changed blocks and inboxes. A non-durable topic
 * subscription with one session, so each node sees every event exactly once and in order. A body that is not an
 * event is rethrown, so the broker redelivers and finally dead-letters it. The broker's address comes from the
 * resource adapter's configuration. Not transacted: handing a frame to a socket is not something a transaction
 * can take back, and each node would otherwise pay a two-phase commit per event.
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

    private static final Set<String> SIGNALS = Set.of(LiveSignals.TYPING, LiveSignals.DRAFT,
            LiveSignals.READ_POSITION, LiveSignals.VISITOR_PRESENCE, LiveSignals.VISITOR_CONTEXT,
            ConversationEventPublisher.STATUS, ConversationEventPublisher.OVERDUE,
            ConversationEventPublisher.DELETED, ConversationEventPublisher.LEFT);

    @Inject
    AgentSessions agentSessions;

    @Inject
    VisitorSessions visitorSessions;

    @Inject
    BlocksInForce blocksInForce;

    @Inject
    InboxCache inboxCache;

    /** Offers, assignments, broadcasts: JSON with an inbox and, for one agent's events, the agent. */
    private static JsonObject routingEvent(String text) {
        var event = event(text);
        number(event, "inboxId");
        return event;
    }

    /** An event's body; one that is not JSON throws, so that the broker dead-letters it. */
    private static JsonObject event(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not an event: " + e.getMessage(), e);
        }
    }

    private static long number(JsonObject event, String name) {
        try {
            return event.getJsonNumber(name).longValueExact();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not an event: no " + name, e);
        }
    }

    private static Set<Long> numbers(JsonObject event, String name) {
        try {
            return event.getJsonArray(name).getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValueExact)
                    .collect(Collectors.toSet());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not an event: no " + name, e);
        }
    }

    @Override
    public void onMessage(Message message) {
        if (!(message instanceof TextMessage text)) {
            throw new IllegalArgumentException("Events are text messages, got " + message.getClass());
        }
        try {
            var type = message.getStringProperty(EventTopic.TYPE);
            if (VisitorBlockedEvent.TYPE.equals(type)) {
                blocksInForce.changed();
                visitorSessions.disconnect(VisitorBlockedEvent.fromJson(text.getText()));
            } else if (BlocksInForce.LIFTED.equals(type)) {
                blocksInForce.changed();
            } else if (InboxService.CHANGED.equals(type)) {
                inboxCache.changed(number(event(text.getText()), "inboxId"));
            } else if (InboxService.MEMBERS_CHANGED.equals(type)) {
                agentSessions.membersChanged(number(event(text.getText()), "inboxId"));
            } else if (TokenRevocation.TYPE.equals(type)) {
                agentSessions.tokensRevoked(number(event(text.getText()), "agentId"));
            } else if (AgentService.DEACTIVATED.equals(type)) {
                agentSessions.deactivated(number(event(text.getText()), "agentId"));
            } else if (VisitorNotice.TYPE.equals(type)) {
                visitorSessions.push(VisitorNotice.fromJson(text.getText()));
            } else if (QueuePositions.EVENT.equals(type)) {
                visitorSessions.queueMoved(routingEvent(text.getText()));
            } else if (MessageStatusEvent.MESSAGE_STATUS.equals(type)) {
                var status = MessageStatusEvent.fromJson(text.getText());
                agentSessions.push(status);
                visitorSessions.push(status);
            } else if (ConversationEvent.MESSAGE_CREATED.equals(type)) {
                var created = ConversationEvent.fromJson(text.getText());
                agentSessions.push(created);
                visitorSessions.push(created);
            } else if (CustomerChanges.CUSTOMER_CHANGED.equals(type)) {
                var changed = event(text.getText());
                agentSessions.customerChanged(number(changed, "customerId"), numbers(changed, "inboxIds"),
                        numbers(changed, "agentIds"));
            } else if (CustomerChanges.CATALOGUE_CHANGED.equals(type)) {
                agentSessions.toEveryone(event(text.getText()));
            } else if (SIGNALS.contains(type)) {
                var signal = routingEvent(text.getText());
                var audience = Audience.fromJson(signal);
                agentSessions.pushSignal(signal, audience);
                visitorSessions.pushSignal(signal, audience);
            } else {
                agentSessions.push(routingEvent(text.getText()));
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Could not read an event", e);
        }
    }
}
