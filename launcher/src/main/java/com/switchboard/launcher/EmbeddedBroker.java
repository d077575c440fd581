package com.switchboard.launcher;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** The Artemis broker of the zero-setup run, configured by jms-config's switchboard-broker.xml. */
final class EmbeddedBroker implements AutoCloseable {

    static final String CONFIGURATION = "com/switchboard/messaging/switchboard-broker.xml";

    private final EmbeddedActiveMQ broker;

    private EmbeddedBroker(EmbeddedActiveMQ broker) {
        this.broker = broker;
    }

    /** Starts the broker; the configuration reads its directories, host and port from system properties. */
    static EmbeddedBroker start() throws Exception {
        var broker = new EmbeddedActiveMQ();
        broker.setConfigResourcePath(CONFIGURATION);
        broker.start();
        return new EmbeddedBroker(broker);
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}
