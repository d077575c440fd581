package com.switchboard.messaging.control;

import com.switchboard.messaging.Destinations;
import jakarta.annotation.Resource;
import jakarta.ejb.AsyncResult;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One round trip to the broker, on a thread of the application's own (the health endpoint's thread belongs to
 * the runtime, whose context a managed executor would carry along and fail on).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BrokerProbe {

    @Resource(lookup = MessagingResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    @ConfigProperty(name = "switchboard.jms.inbound-dlq", defaultValue = Destinations.INBOUND_DLQ)
    String probedQueue;

    /**
     * Opens a consumer that selects nothing on the dead-letter queue: creating it asks the broker, with rights
     * the node has anyway. A pooled connection and session alone say nothing (the resource adapter hands them
     * out while the broker is dead).
     *
     * @return the broker's name and version
     */
    @Asynchronous
    public Future<String> roundTrip() throws JMSException {
        try (var connection = connectionFactory.createConnection(); var session = connection.createSession();
             var consumer = session.createConsumer(session.createQueue(probedQueue), "switchboard_probe = 'none'")) {
            var meta = connection.getMetaData();
            return new AsyncResult<>(meta.getJMSProviderName() + " " + meta.getProviderVersion());
        }
    }
}
