package com.switchboard.platform.control;

import com.switchboard.messaging.Destinations;
import jakarta.ejb.Stateless;
import jakarta.jms.JMSConnectionFactoryDefinition;

/**
 * The application's one JMS connection factory, through the Artemis resource adapter. Sends made with it in a
 * container transaction are part of that transaction: the broker delivers them only if it commits.
 */
@JMSConnectionFactoryDefinition(
        name = MessagingResources.CONNECTION_FACTORY,
        resourceAdapter = Destinations.RESOURCE_ADAPTER,
        interfaceName = "jakarta.jms.ConnectionFactory",
        user = "${ENV=SWITCHBOARD_BROKER_USER:}",
        password = "${ENV=SWITCHBOARD_BROKER_PASSWORD:}",
        maxPoolSize = 32,
        properties = {
                "ConnectionParameters=host=${ENV=SWITCHBOARD_BROKER_HOST:127.0.0.1};port=${ENV=SWITCHBOARD_BROKER_PORT:61616}"
        })
@Stateless
public class MessagingResources {

    public static final String CONNECTION_FACTORY = "java:app/jms/switchboard";
}
