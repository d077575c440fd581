package com.switchboard.launcher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** The Artemis broker of the zero-setup run, configured by jms-config's switchboard-broker.xml. */
final class EmbeddedBroker implements AutoCloseable {

    static final String CONFIGURATION = "com/switchboard/messaging/switchboard-broker.xml";

    /** Held strongly: java.util.logging forgets the level of loggers nobody references. */
    private static final Logger AUDIT = Logger.getLogger("org.apache.activemq.audit");

    private final EmbeddedActiveMQ broker;

    private EmbeddedBroker(EmbeddedActiveMQ broker) {
        this.broker = broker;
    }

    /** Starts the broker; the configuration reads its directories, host and port from system properties. */
    static EmbeddedBroker start() throws Exception {
        quietAuditLog();
        var configuration = new FileConfiguration();
        new FileDeploymentManager(CONFIGURATION).addDeployable(configuration).readConfiguration();
        // Read from inside a jar, it never changes: no watching it for changes (nor a warning that it cannot be).
        configuration.setConfigurationUrl(null);
        var broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        broker.start();
        return new EmbeddedBroker(broker);
    }

    /**
     * Starts the broker on a thread of its own, so that its start overlaps Payara Micro's boot instead of coming
     * before it; whoever needs the broker waits with {@link #await}.
     */
    static CompletableFuture<EmbeddedBroker> startInBackground() {
        var broker = new CompletableFuture<EmbeddedBroker>();
        var starter = new Thread(() -> {
            try {
                broker.complete(start());
            } catch (Throwable e) {
                broker.completeExceptionally(e);
            }
        }, "switchboard-broker-start");
        starter.start();
        return broker;
    }

    /** The started broker; an IllegalStateException if it failed to start. */
    static EmbeddedBroker await(CompletableFuture<EmbeddedBroker> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("The embedded broker did not start: " + e.getCause(), e.getCause());
        }
    }

    /** The audit log records every session, consumer and message at INFO: noise for a broker serving one process. */
    static void quietAuditLog() {
        AUDIT.setLevel(Level.WARNING);
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}
