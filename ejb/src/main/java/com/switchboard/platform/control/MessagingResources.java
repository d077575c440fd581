package com.switchboard.platform.control;

import com.switchboard.messaging.Destinations;
import jakarta.ejb.Stateless;
import jakarta.jms.JMSConnectionFactoryDefinition;

/**
 * The application's one JMS connection factory, through the Artemis resource adapter. Sends made with it in a
 * container transaction are part of that transaction: the broker delivers them only if it commits.
 * <p>
 * Where the broker is (and its credentials) is configured once, on the resource adapter (see
 * docs/OPERATIONS.md); this factory and every MDB inherit it, so they can never disagree. (A factory's own
 * {@code ConnectionParameters} would also need its {@code ConnectorClassName}, or the adapter ignores them.)
 */
@JMSConnectionFactoryDefinition(
        name = MessagingResources.CONNECTION_FACTORY,
        resourceAdapter = Destinations.RESOURCE_ADAPTER,
        interfaceName = "jakarta.jms.ConnectionFactory",
        maxPoolSize = 32)
@Stateless
public class MessagingResources {

    public static final String CONNECTION_FACTORY = "java:app/jms/switchboard";
}
