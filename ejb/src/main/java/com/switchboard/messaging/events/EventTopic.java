package com.switchboard.messaging.events;

import com.switchboard.messaging.Destinations;
import com.switchboard.messaging.control.SendAfterCommit;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Map;

/**
 * The one publisher of the internal events topic that brings every committed change to every node. Called inside
 * the change's transaction (MANDATORY), its events leave once that has committed ({@link SendAfterCommit}), never
 * for a rollback. Non-persistent: only the nodes' non-durable subscriptions read this topic, which keep nothing
 * across a broker restart anyway, and an event lost on the way is one a client's resume recovers. The
 * {@code type} property lets consumers dispatch unparsed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class EventTopic {

    public static final String TYPE = "type";

    @EJB
    SendAfterCommit sends;

    public void publish(InternalEvent event) {
        sends.send(new SendAfterCommit.Outgoing(Destinations.CONVERSATION_EVENTS, true, false,
                event.toJson().toString(), Map.of(TYPE, event.type())));
    }
}
