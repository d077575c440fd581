package com.switchboard.routing.boundary;

import com.switchboard.messaging.Destinations;
import com.switchboard.routing.control.OfferEndings;
import com.switchboard.routing.control.Router;
import com.switchboard.routing.control.RoutingRequest;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * Takes routing requests off the routing queue and hands them to the {@link Router}. Several sessions on every
 * node consume at once; the router's row locks keep them from stepping on each other. A failure is rethrown, so
 * the broker redelivers the request and finally dead-letters it; nothing is dropped quietly. Not transacted: the
 * router's work commits in its own transaction and the request is acknowledged after it, so a crash in between
 * delivers it again, and routing a conversation that was routed already changes nothing.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = Destinations.RESOURCE_ADAPTER),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.ROUTING),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoutingRequestsConsumer implements MessageListener {

    @EJB
    Router router;

    @EJB
    OfferEndings endings;

    @Override
    public void onMessage(Message message) {
        if (!(message instanceof TextMessage text)) {
            throw new IllegalArgumentException("Routing requests are text messages, got " + message.getClass());
        }
        try {
            var request = RoutingRequest.fromJson(text.getText());
            switch (request.kind()) {
                case ROUTE -> router.route(request.id(), true);
                case DRAIN_AGENT -> router.drainAgent(request.id());
                case WITHDRAW_AGENT -> endings.withdraw(request.id());
                case WITHDRAW_BLOCKED -> endings.withdrawAfterBlock(request.id());
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Could not read a routing request", e);
        }
    }
}
