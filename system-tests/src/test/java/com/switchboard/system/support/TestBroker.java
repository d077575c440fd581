package com.switchboard.system.support;

import com.switchboard.messaging.Destinations;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * A real Artemis broker in the test JVM, playing an installation's external broker: the application reaches it
 * through the resource adapter. No persistence, no security, one CORE acceptor on loopback at a free port
 * (never the AMQP/MQTT ports).
 */
public final class TestBroker implements AutoCloseable {

    /** Held, so the level sticks: the broker's audit log (every session and message) drowns the build output. */
    private static final java.util.logging.Logger AUDIT = quiet("org.apache.activemq.audit");

    private static java.util.logging.Logger quiet(String name) {
        var logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private final EmbeddedActiveMQ broker;
    private final int port;

    private TestBroker(EmbeddedActiveMQ broker, int port) {
        this.broker = broker;
        this.port = port;
    }

    public static TestBroker start(String name, Path directory) throws Exception {
        int port = FreePorts.next();
        var configuration = new ConfigurationImpl()
                .setName(name)
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setCriticalAnalyzer(false)
                .setMaxDiskUsage(-1)
                .setPagingDirectory(directory.resolve("paging").toString())
                .setBindingsDirectory(directory.resolve("bindings").toString())
                .setJournalDirectory(directory.resolve("journal").toString())
                .setLargeMessagesDirectory(directory.resolve("large-messages").toString())
                .addAcceptorConfiguration("core", "tcp://127.0.0.1:" + port + "?protocols=CORE")
                .addAddressConfiguration(new CoreAddressConfiguration()
                        .setName(Destinations.CONVERSATION_EVENTS)
                        .addRoutingType(RoutingType.MULTICAST))
                .addAddressConfiguration(new CoreAddressConfiguration()
                        .setName(Destinations.ROUTING)
                        .addRoutingType(RoutingType.ANYCAST)
                        .addQueueConfiguration(QueueConfiguration.of(Destinations.ROUTING)
                                .setRoutingType(RoutingType.ANYCAST)))
                .setIDCacheSize(20000)
                .addAddressConfiguration(new CoreAddressConfiguration()
                        .setName(Destinations.INBOUND).addRoutingType(RoutingType.ANYCAST)
                        .addQueueConfiguration(QueueConfiguration.of(Destinations.INBOUND)
                                .setRoutingType(RoutingType.ANYCAST)))
                .addAddressConfiguration(new CoreAddressConfiguration()
                        .setName(Destinations.INBOUND_DLQ).addRoutingType(RoutingType.ANYCAST)
                        .addQueueConfiguration(QueueConfiguration.of(Destinations.INBOUND_DLQ)
                                .setRoutingType(RoutingType.ANYCAST)))
                .addAddressSetting(Destinations.INBOUND, new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(Destinations.INBOUND_DLQ))
                        .setRedeliveryDelay(2000)
                        .setRedeliveryMultiplier(2.0)
                        .setMaxRedeliveryDelay(60000)
                        .setMaxDeliveryAttempts(6))
                .addAddressSetting("#", new AddressSettings()
                        .setAutoCreateAddresses(true)
                        .setAutoCreateQueues(true));
        var broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        broker.start();
        return new TestBroker(broker, port);
    }

    public int port() {
        return port;
    }

    /** Messages the broker routed to the conversation-events topic so far (to some subscription). */
    public long routedConversationEvents() {
        var address = broker.getActiveMQServer().getAddressInfo(SimpleString.of(Destinations.CONVERSATION_EVENTS));
        return address == null ? 0 : address.getRoutedMessageCount();
    }

    /** Consumers of the routing queue: every node's routing MDB sessions. */
    public int routingConsumers() {
        var queue = broker.getActiveMQServer().locateQueue(SimpleString.of(Destinations.ROUTING));
        return queue == null ? 0 : queue.getConsumerCount();
    }

    public int connectionCount() {
        return broker.getActiveMQServer().getConnectionCount();
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}
