package com.switchboard.messaging.control;

import com.switchboard.messaging.Destinations;
import jakarta.ejb.Stateless;
import jakarta.jms.JMSConnectionFactoryDefinition;

/**
 * The application's one JMS connection factory, through the Artemis resource adapter. Sends made with it in a
 * container transaction are part of that transaction: the broker delivers them only if it commits.
 * <p>
 * Where the broker is is configured once, on the resource adapter (see docs/OPERATIONS.md); this factory and
 * every MDB inherit it, so they can never disagree. (A factory's own {@code ConnectionParameters} would also need
 * its {@code ConnectorClassName}, or the adapter ignores them.)
 * <p>
 * The credentials are the exception: the adapter's {@code UserName}/{@code Password} reach the MDBs only. For
 * outbound connections the server signs on with the pool's own {@code UserName}/{@code Password} (and with an
 * empty name when it has none, which a broker that requires a login refuses), so they are given here too, from
 * {@code SWITCHBOARD_BROKER_USER}/{@code _PASSWORD}: the server resolves a resource definition's properties from
 * the environment, not from MicroProfile Config. Without them the name stays empty (an anonymous broker).
 */
@JMSConnectionFactoryDefinition(
        name = MessagingResources.CONNECTION_FACTORY,
        resourceAdapter = Destinations.RESOURCE_ADAPTER,
        interfaceName = "jakarta.jms.ConnectionFactory",
        maxPoolSize = 32,
        properties = {"UserName=${ENV=SWITCHBOARD_BROKER_USER:}", "Password=${ENV=SWITCHBOARD_BROKER_PASSWORD:}"})
@Stateless
public class MessagingResources {

    public static final String CONNECTION_FACTORY = "java:app/jms/switchboard";
}
