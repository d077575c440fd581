package com.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.messaging.Destinations;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.junit.jupiter.api.Test;

/** The embedded broker's configuration as Artemis itself reads it: the inbound queue's contract holds. */
class BrokerConfigurationTest {

    @Test
    void theInboundQueueDeadLettersToItsOwnQueueAfterBoundedDelayedAttemptsAndDuplicatesAreDetected()
            throws Exception {
        System.setProperty("switchboard.broker.dir", "target/broker-config-test");
        System.setProperty("switchboard.broker.host", "127.0.0.1");
        System.setProperty("switchboard.broker.port", "61616");
        var configuration = new FileConfiguration();
        new FileDeploymentManager(EmbeddedBroker.CONFIGURATION).addDeployable(configuration).readConfiguration();

        var inbound = configuration.getAddressSettings().get(Destinations.INBOUND);
        assertEquals(SimpleString.of(Destinations.INBOUND_DLQ), inbound.getDeadLetterAddress());
        assertEquals(6, inbound.getMaxDeliveryAttempts());
        assertEquals(2000L, inbound.getRedeliveryDelay());
        assertEquals(60000L, inbound.getMaxRedeliveryDelay());
        assertEquals(20000, configuration.getIDCacheSize());
        assertTrue(configuration.isPersistIDCache());
        var addresses = configuration.getAddressConfigurations().stream().map(CoreAddressConfiguration::getName)
                .toList();
        assertTrue(addresses.containsAll(List.of(Destinations.INBOUND, Destinations.INBOUND_DLQ)),
                addresses.toString());
        var events = configuration.getAddressConfigurations().stream()
                .filter(address -> address.getName().equals(Destinations.EVENTS)).findFirst().orElseThrow();
        assertEquals(List.of(org.apache.activemq.artemis.api.core.RoutingType.MULTICAST),
                List.copyOf(events.getRoutingTypes()), "the outbound events are a topic");
    }
}
