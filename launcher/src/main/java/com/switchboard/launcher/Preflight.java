package com.switchboard.launcher;

import com.switchboard.messaging.Destinations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;

/**
 * Checks the settings that most often go wrong before anything starts, so that the error names the setting to
 * fix instead of surfacing later as a failed deployment or an application that never becomes ready.
 */
final class Preflight {

    static final String DEFAULT_DB_USER = "switchboard";
    static final String DEFAULT_DB_PASSWORD = "switchboard";
    /** The legacy queues' settings and their defaults, which the embedded broker is set up for. */
    private static final List<Map.Entry<String, String>> LEGACY_QUEUES = List.of(
            Map.entry("SWITCHBOARD_JMS_INBOUND_QUEUE", Destinations.INBOUND),
            Map.entry("SWITCHBOARD_JMS_INBOUND_DLQ", Destinations.INBOUND_DLQ));

    private Preflight() {
    }

    /** What is wrong, one line per problem; empty when everything answered. */
    static List<String> problems(LauncherSettings settings, Map<String, String> env) {
        var problems = new ArrayList<String>();
        portInUse(null, settings.httpPort()).ifPresent(p -> problems.add("SWITCHBOARD_HTTP_PORT: " + p));
        if (settings.embeddedBroker()) {
            portInUse(InetAddress.getLoopbackAddress(), settings.brokerPort()).ifPresent(p -> problems.add(
                    "SWITCHBOARD_BROKER_PORT: " + p + " (the embedded broker needs it)"));
            renamedLegacyQueues(env).ifPresent(problems::add);
        } else {
            broker(settings).ifPresent(problems::add);
        }
        settings.databaseUrl().flatMap(url -> database(url, env)).ifPresent(problems::add);
        if (settings.dataGrid().clustered()) {
            dataGridAddress(settings.dataGrid().address()).ifPresent(problems::add);
        }
        return problems;
    }

    /** Hazelcast would fail later, deep in Payara's start, if the address is not one of this machine's. */
    static Optional<String> dataGridAddress(String address) {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("SWITCHBOARD_CLUSTER_INTERFACE: " + address + " is not an address of this machine ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * The legacy queues' names are an external broker's business: the embedded one listens on loopback only, and
     * its address settings (dead-letter address, redelivery) are written for the default names.
     */
    static Optional<String> renamedLegacyQueues(Map<String, String> env) {
        var renamed = LEGACY_QUEUES.stream().filter(setting -> {
            var value = env.getOrDefault(setting.getKey(), "").strip();
            return !value.isEmpty() && !value.equals(setting.getValue());
        }).map(Map.Entry::getKey).toList();
        return renamed.isEmpty() ? Optional.empty() : Optional.of(String.join(" / ", renamed)
                + ": renaming the legacy systems' queues needs an external broker (SWITCHBOARD_BROKER_HOST); the"
                + " embedded one keeps " + Destinations.INBOUND + " and " + Destinations.INBOUND_DLQ);
    }

    private static Optional<String> portInUse(InetAddress address, int port) {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("port " + port + " is already in use");
        }
    }

    private static Optional<String> database(String url, Map<String, String> env) {
        if (!url.startsWith("jdbc:mysql:")) {
            return Optional.empty(); // only MySQL's driver travels with the launcher
        }
        var user = env.getOrDefault("SWITCHBOARD_DB_USER", DEFAULT_DB_USER);
        DriverManager.setLoginTimeout(10);
        try (var connection = DriverManager.getConnection(url, user,
                env.getOrDefault("SWITCHBOARD_DB_PASSWORD", DEFAULT_DB_PASSWORD))) {
            return connection.isValid(5) ? Optional.empty()
                    : Optional.of("SWITCHBOARD_DB_URL: the database at " + url + " does not answer");
        } catch (SQLException e) {
            return Optional.of("SWITCHBOARD_DB_URL / SWITCHBOARD_DB_USER / SWITCHBOARD_DB_PASSWORD: cannot connect to "
                    + url + " as " + user + ": " + e.getMessage());
        }
    }

    /** Opens a real core session with the configured credentials on the first broker of the list that answers. */
    private static Optional<String> broker(LauncherSettings settings) {
        var failures = new ArrayList<String>();
        for (var broker : settings.brokers()) {
            var url = broker.url();
            try (var locator = ActiveMQClient.createServerLocator(url).setInitialConnectAttempts(1)
                    .setCallTimeout(10_000);
                 var factory = locator.createSessionFactory();
                 var session = factory.createSession(settings.brokerUser().orElse(null),
                         settings.brokerPassword().orElse(null), false, true, true, false, 0)) {
                return Optional.empty();
            } catch (ActiveMQSecurityException e) {
                return Optional.of("SWITCHBOARD_BROKER_USER / SWITCHBOARD_BROKER_PASSWORD: the broker at " + url
                        + " refused them: " + e.getMessage());
            } catch (Exception e) {
                failures.add(url + " (" + e.getMessage() + ")");
            }
        }
        return Optional.of("SWITCHBOARD_BROKER_HOST / SWITCHBOARD_BROKER_PORT: no Artemis broker answers at "
                + String.join(", ", failures));
    }
}
