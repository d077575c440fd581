package com.switchboard.routing.control;

import com.switchboard.agent.control.AgentFreed;
import com.switchboard.agent.control.AgentUnavailable;
import com.switchboard.conversation.control.ConversationWaiting;
import com.switchboard.messaging.Destinations;
import com.switchboard.platform.control.MessagingResources;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

/**
 * Puts routing work on the routing queue, inside the caller's transaction (MANDATORY): the broker delivers a
 * request only once the change that needs it has committed, to whichever node's consumer is free. A queue, not
 * the events topic: exactly one node must act on each request.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class RoutingQueue {

    @Resource(lookup = MessagingResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    public void conversationWaiting(@Observes ConversationWaiting event) {
        send(new RoutingRequest(RoutingRequest.Kind.ROUTE, event.conversationId()));
    }

    public void agentFreed(@Observes AgentFreed event) {
        send(new RoutingRequest(RoutingRequest.Kind.DRAIN_AGENT, event.agentId()));
    }

    public void agentUnavailable(@Observes AgentUnavailable event) {
        send(new RoutingRequest(RoutingRequest.Kind.WITHDRAW_AGENT, event.agentId()));
    }

    public void send(RoutingRequest request) {
        try (var context = connectionFactory.createContext()) {
            var message = context.createTextMessage(request.toJson().toString());
            message.setStringProperty("kind", request.kind().name());
            context.createProducer().send(context.createQueue(Destinations.ROUTING), message);
        } catch (JMSException e) {
            throw new IllegalStateException("Could not queue " + request, e);
        }
    }
}
