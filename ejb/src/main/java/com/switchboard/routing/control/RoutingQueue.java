package com.switchboard.routing.control;

import com.switchboard.agent.control.AgentFreed;
import com.switchboard.agent.control.AgentUnavailable;
import com.switchboard.conversation.control.ConversationWaiting;
import com.switchboard.messaging.Destinations;
import com.switchboard.messaging.control.SendAfterCommit;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * Puts routing work on the routing queue once the caller's transaction has committed ({@link SendAfterCommit}):
 * a request never names a change that did not happen, and it goes to whichever node's consumer is free. A queue,
 * not the events topic: exactly one node must act on each request. A request lost between the commit and the
 * send (a crash) is covered by the {@link RoutingSweeper}: it routes the waiting conversations the router never
 * saw and drains every inbox with waiting conversations.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RoutingQueue {

    @EJB
    SendAfterCommit sends;

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
        sends.send(new SendAfterCommit.Outgoing(Destinations.ROUTING, false, true, request.toJson().toString(),
                Map.of("kind", request.kind().name())));
    }
}
