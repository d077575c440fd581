package com.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.it.InboundQueues;
import jakarta.ejb.EJB;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.json.Json;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * JMS ingest: the raw persistent throughput of the broker (a plain producer, four plain consumers, the same
 * message size) against messages per second through the application's whole path (inbound queue → MDB →
 * database, in one XA transaction with the broker → routed), measured in the same run on the same broker. Not a
 * test: run with {@code bench/run} and read the figures (docs/PERFORMANCE.md).
 */
@ExtendWith(ArquillianExtension.class)
public class IngestBench {

    private static final int MESSAGES = 2000;
    private static final int VISITORS = 200;
    private static final int CONSUMERS = 4;

    @Deployment
    public static WebArchive deployment() {
        var war = new File(System.getProperty("it.deployments", "target/deployments"), "switchboard.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war).addClasses(IngestBench.class, InboundQueues.class);
    }

    @EJB
    InboxService inboxes;

    @Test
    public void ingest() throws Exception {
        var size = body("Ingest " + UUID.randomUUID(), "size", 0).length();
        try (var factory = new ActiveMQConnectionFactory(brokerUrl())) {
            // A first round of each warms both JVMs up (compiled code, pools, caches); the second one counts.
            rawRate(factory, size);
            appRate(factory, newInbox());
            double raw = rawRate(factory, size);
            var inbox = newInbox();
            long cpuBefore = processCpuNanos();
            double app = appRate(factory, inbox);
            report(raw, app, (processCpuNanos() - cpuBefore) / 1e6 / MESSAGES);
        }
    }

    private String newInbox() {
        return inboxes.create(new InboxSettings("Ingest " + UUID.randomUUID(), AssignmentMode.AUTO,
                Duration.ofHours(1), null, null, null, null)).settings().name();
    }

    /** A plain producer sends persistent messages while four plain consumers take them off a scratch queue. */
    private static double rawRate(ActiveMQConnectionFactory factory, int size) throws Exception {
        var body = "x".repeat(size);
        var received = new CountDownLatch(MESSAGES);
        try (var connection = factory.createConnection()) {
            for (int c = 0; c < CONSUMERS; c++) {
                var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createConsumer(session.createQueue("bench.raw")).setMessageListener(m -> received.countDown());
            }
            connection.start();
            var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(session.createQueue("bench.raw"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long began = System.nanoTime();
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(session.createTextMessage(body));
            }
            assertTrue(received.await(5, TimeUnit.MINUTES), "the raw messages arrived");
            return MESSAGES / ((System.nanoTime() - began) / 1e9);
        }
    }

    /** Sends visitor messages to the inbound queue and waits until every one is stored and its conversation routed. */
    private static double appRate(ActiveMQConnectionFactory factory, String inbox) throws Exception {
        var run = UUID.randomUUID().toString();
        // Built before the clock starts, as the raw run's body is: the bench times the application, not itself.
        var bodies = IntStream.range(0, MESSAGES).mapToObj(i -> body(inbox, run, i)).toList();
        long began;
        try (var connection = factory.createConnection()) {
            var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(session.createQueue(InboundQueues.INBOUND));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            began = System.nanoTime();
            for (int i = 0; i < MESSAGES; i++) {
                var message = session.createTextMessage(bodies.get(i));
                message.setStringProperty("_AMQ_DUPL_ID", run + "-" + i);
                producer.send(message);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (stored(inbox) < MESSAGES || routed(inbox) < VISITORS) {
            assertTrue(System.nanoTime() < deadline, "the application handled the burst in time");
            Thread.sleep(200); // the polls' queries run in the same JVM: rarely, to cost the path little
        }
        return MESSAGES / ((System.nanoTime() - began) / 1e9);
    }

    private static String body(String inbox, String run, int i) {
        return Json.createObjectBuilder().add("type", "visitor.message").add("externalId", run + "-" + i)
                .add("inbox", inbox)
                .add("visitor", Json.createObjectBuilder().add("externalId", run + "-visitor-" + (i % VISITORS)))
                .add("text", "Order " + i + ": where is my parcel? It was due yesterday.").build().toString();
    }

    private static long stored(String inbox) throws Exception {
        return single("SELECT COUNT(*) FROM message m JOIN conversation c ON c.id = m.conversation_id "
                + "JOIN inbox i ON i.id = c.inbox_id WHERE i.name = ? AND m.author_type = 'VISITOR'", inbox);
    }

    /** Conversations of the inbox with a routing decision: the router has handled them. */
    private static long routed(String inbox) throws Exception {
        return single("SELECT COUNT(DISTINCT d.conversation_id) FROM routing_decision d JOIN conversation c "
                + "ON c.id = d.conversation_id JOIN inbox i ON i.id = c.inbox_id WHERE i.name = ?", inbox);
    }

    private static long single(String sql, String parameter) throws Exception {
        DataSource dataSource = InitialContext.doLookup("java:app/jdbc/switchboard");
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /**
     * The application server's CPU time: per message, a figure that compares across runs even on a busy machine,
     * where rates do not.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(double raw, double app, double cpuMillisPerMessage) throws Exception {
        var lines = List.of("",
                "=== JMS ingest bench: " + MESSAGES + " persistent messages, " + VISITORS + " visitors, "
                        + Runtime.getRuntime().availableProcessors() + " cores ===",
                String.format("raw broker (1 producer, %d consumers):       %8.0f msg/s", CONSUMERS, raw),
                String.format("app path (JMS -> MDB -> database -> routed): %8.0f msg/s", app),
                String.format("ratio app/raw: %.2f (goal 0.50)", app / raw),
                String.format("application server CPU per message on the app path: %.1f ms", cpuMillisPerMessage),
                "");
        lines.forEach(System.out::println);
        var file = System.getenv("BENCH_REPORT");
        if (file != null) {
            Files.write(Path.of(file), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static String brokerUrl() {
        return "tcp://" + env("SWITCHBOARD_BROKER_HOST", "127.0.0.1") + ":" + env("SWITCHBOARD_BROKER_PORT", "61616");
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
