package com.switchboard.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.switchboard.messaging.Destinations;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * What the suite's one Payara Micro needs before Arquillian starts it, set up once per test JVM (registered in
 * META-INF/services, so JUnit runs it before any test class and so before the container starts):
 * <ul>
 *     <li>an Artemis broker in this JVM, core protocol only, on the port reserved by build-helper, which the
 *     post-boot command file also gives the resource adapter (and failsafe gives Micro as
 *     {@code SWITCHBOARD_BROKER_PORT});</li>
 *     <li>the application's database user and this suite's own, freshly created, MariaDB database;</li>
 *     <li>a real mail server (GreenMail) on loopback: SMTP on the port failsafe gives Micro as
 *     {@code SWITCHBOARD_SMTP_PORT}, and IMAP, through which the tests read what it received.</li>
 * </ul>
 * Does nothing unless failsafe's system properties are present (surefire never starts a broker).
 */
public class SuiteResources implements LauncherSessionListener {

    private static final Logger LOG = Logger.getLogger(SuiteResources.class.getName());
    /** Held, so the level sticks: the broker's audit log (every session and message) drowns the build output. */
    private static final Logger AUDIT = Logger.getLogger("org.apache.activemq.audit");

    static {
        AUDIT.setLevel(java.util.logging.Level.WARNING);
    }

    private EmbeddedActiveMQ broker;
    private GreenMail mail;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        var port = System.getProperty("it.broker.port");
        if (port == null || port.isBlank()) {
            return;
        }
        try {
            prepareDatabase();
            broker = startBroker(Integer.parseInt(port));
            var smtp = System.getProperty("it.smtp.port");
            if (smtp != null && !smtp.isBlank()) {
                mail = startMail(Integer.parseInt(smtp), Integer.parseInt(System.getProperty("it.imap.port")));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not prepare the in-container test suite: " + e.getMessage(), e);
        }
    }

    /** Accounts come with the first mail to an address: login and password are the address. */
    private static GreenMail startMail(int smtpPort, int imapPort) {
        var mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        LOG.info(() -> "Test mail server: SMTP on 127.0.0.1:" + smtpPort + ", IMAP on " + imapPort);
        return mail;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (mail != null) {
            mail.stop();
        }
        if (broker != null) {
            try {
                broker.stop();
            } catch (Exception e) {
                LOG.warning(() -> "Could not stop the test broker: " + e);
            }
        }
    }

    private static EmbeddedActiveMQ startBroker(int port) throws Exception {
        var dir = System.getProperty("it.broker.dir", "target/broker");
        var configuration = new ConfigurationImpl()
                .setName("switchboard-in-container-tests")
                // Persistent for benchmarks only (it.broker.persistent): a throughput figure needs the journal.
                .setPersistenceEnabled(Boolean.getBoolean("it.broker.persistent"))
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setCriticalAnalyzer(false)
                .setMaxDiskUsage(100)
                .setBindingsDirectory(dir + "/bindings")
                .setJournalDirectory(dir + "/journal")
                .setPagingDirectory(dir + "/paging")
                .setLargeMessagesDirectory(dir + "/large-messages")
                .setNodeManagerLockDirectory(dir)
                // Core protocol on loopback only: never the AMQP/MQTT/STOMP ports of the machine's own services.
                .addAcceptorConfiguration("core", "tcp://127.0.0.1:" + port + "?protocols=CORE")
                // The same address and settings as jms-config's switchboard-broker.xml.
                .addAddressConfiguration(new CoreAddressConfiguration()
                        .setName(Destinations.CONVERSATION_EVENTS).addRoutingType(RoutingType.MULTICAST))
                .addAddressConfiguration(new CoreAddressConfiguration()
                        .setName(Destinations.ROUTING).addRoutingType(RoutingType.ANYCAST)
                        .addQueueConfiguration(QueueConfiguration.of(Destinations.ROUTING)
                                .setRoutingType(RoutingType.ANYCAST)))
                .setIDCacheSize(20000)
                .addAddressConfiguration(new CoreAddressConfiguration()
                        .setName(InboundQueues.INBOUND).addRoutingType(RoutingType.ANYCAST)
                        .addQueueConfiguration(QueueConfiguration.of(InboundQueues.INBOUND)
                                .setRoutingType(RoutingType.ANYCAST)))
                .addAddressConfiguration(new CoreAddressConfiguration()
                        .setName(InboundQueues.DEAD_LETTERS).addRoutingType(RoutingType.ANYCAST)
                        .addQueueConfiguration(QueueConfiguration.of(InboundQueues.DEAD_LETTERS)
                                .setRoutingType(RoutingType.ANYCAST)))
                .addAddressSetting(InboundQueues.INBOUND, new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(InboundQueues.DEAD_LETTERS))
                        .setRedeliveryDelay(500) // shorter than in production: redeliveries in tests
                        .setRedeliveryMultiplier(2.0)
                        .setMaxRedeliveryDelay(60000)
                        .setMaxDeliveryAttempts(6))
                .addAddressSetting("switchboard.#", new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of("DLQ"))
                        .setRedeliveryDelay(1000)
                        .setMaxDeliveryAttempts(5)
                        .setAutoCreateQueues(true)
                        .setAutoCreateAddresses(true));
        var broker = new EmbeddedActiveMQ().setConfiguration(configuration);
        broker.start();
        LOG.info(() -> "Test broker listening on tcp://127.0.0.1:" + port);
        return broker;
    }

    /**
     * MicroProfile Config treats an empty environment value as unset, so the application cannot log in as root
     * with its empty password: it gets a user with a password. Not the shared {@code switchboard} user: suites
     * running at the same time on this server set different passwords for it, so this suite has a user of its
     * own ({@code switchboard_ict}), whose password it sets each time, allowed on its own database only.
     */
    private static void prepareDatabase() throws SQLException {
        var url = "jdbc:mysql://" + System.getProperty("it.db.host", "127.0.0.1") + ":"
                + System.getProperty("it.db.port", "3306") + "/";
        var database = System.getProperty("it.db.name", "switchboard_container");
        var user = System.getProperty("it.db.user", "switchboard_ict");
        var password = System.getProperty("it.db.password", "switchboard-container");
        try (var connection = DriverManager.getConnection(url, System.getProperty("it.db.admin.user", "root"),
                System.getProperty("it.db.admin.password", ""));
             var statement = connection.createStatement()) {
            for (var host : List.of("localhost", "127.0.0.1", "%")) {
                var account = "'" + user + "'@'" + host + "'";
                statement.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "'");
                statement.execute("ALTER USER " + account + " IDENTIFIED BY '" + password + "'");
                statement.execute("GRANT ALL ON `" + database + "`.* TO " + account);
            }
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        LOG.info(() -> "Fresh database " + database + " for user " + user);
    }
}
