package com.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.it.InboundQueues;
import jakarta.ejb.EJB;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.json.Json;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * JMS ingest: the raw persistent throughput of a well-driven broker (several producers sending asynchronously,
 * four plain consumers, the same message size) against messages per second through the application's whole path
 * (inbound queue → MDB → database in a transaction of its own, the message acknowledged after it commits →
 * routed), fed by the same kind of senders so that the sender is not the bottleneck, measured in the same run on
 * the same broker. A single synchronous producer is measured too: it is bound by the journal's syncs, and shows
 * how much of the broker the well-driven one uses. Not a test: run with {@code bench/run} and read the figures
 * (docs/PERFORMANCE.md).
 */
@ExtendWith(ArquillianExtension.class)
public class IngestBench {

    private static final int MESSAGES = 2000;
    private static final int VISITORS = 200;
    private static final int CONSUMERS = 4;
    /** Producers of the well-driven broker and of the app path, each with its own connection. */
    private static final int PRODUCERS = 4;
    /** Measured rounds, each the raw broker then the app path: the median ratio outlasts a noisy moment. */
    private static final int ROUNDS = 3;
    /** App rounds before those: the server's compiler is still at work on the path after one. */
    private static final int WARM_UP_ROUNDS = 3;

    /** One measured round: the rates and the application server's CPU per app-path message. */
    private record Round(double oneSender, double raw, double app, double cpuMillisPerMessage) {
        double ratio() {
            return app / raw;
        }
    }

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
        try (var synchronous = new ActiveMQConnectionFactory(brokerUrl());
                var asynchronous = new ActiveMQConnectionFactory(brokerUrl())) {
            // Persistent sends that do not wait for the broker's journal one by one: what a well-driven sender does.
            asynchronous.setBlockOnDurableSend(false);
            // First rounds warm both JVMs up (compiled code, pools, caches); the next ones count.
            rawRate(synchronous, size, 1);
            rawRate(asynchronous, size, PRODUCERS);
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                appRate(asynchronous, newInbox());
            }
            var rounds = new ArrayList<Round>();
            for (int round = 0; round < ROUNDS; round++) {
                double oneSender = rawRate(synchronous, size, 1);
                double raw = rawRate(asynchronous, size, PRODUCERS);
                var inbox = newInbox();
                long cpuBefore = processCpuNanos();
                double app = appRate(asynchronous, inbox);
                rounds.add(new Round(oneSender, raw, app, (processCpuNanos() - cpuBefore) / 1e6 / MESSAGES));
            }
            report(rounds);
        }
    }

    private String newInbox() {
        return inboxes.create(new InboxSettings("Ingest " + UUID.randomUUID(), AssignmentMode.AUTO,
                Duration.ofHours(1), null, null, null, null)).settings().name();
    }

    /** Plain producers send persistent messages while four plain consumers take them off a scratch queue. */
    private static double rawRate(ActiveMQConnectionFactory factory, int size, int producers) throws Exception {
        var body = "x".repeat(size);
        var received = new CountDownLatch(MESSAGES);
        try (var connection = factory.createConnection()) {
            for (int c = 0; c < CONSUMERS; c++) {
                var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createConsumer(session.createQueue("bench.raw")).setMessageListener(m -> received.countDown());
            }
            connection.start();
            long began = System.nanoTime();
            send(factory, "bench.raw", Collections.nCopies(MESSAGES, body), producers, (message, i) -> { });
            assertTrue(received.await(5, TimeUnit.MINUTES), "the raw messages arrived");
            return MESSAGES / ((System.nanoTime() - began) / 1e9);
        }
    }

    /** The bodies in turn over {@code producers} threads, each with a connection of its own; returns once all left. */
    private static void send(ActiveMQConnectionFactory factory, String queue, List<String> bodies, int producers,
            Stamp stamp) throws Exception {
        var threads = Executors.newFixedThreadPool(producers);
        try {
            var sent = new ArrayList<Future<?>>();
            for (int p = 0; p < producers; p++) {
                int first = p;
                sent.add(threads.submit(() -> {
                    try (var connection = factory.createConnection()) {
                        var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        var producer = session.createProducer(session.createQueue(queue));
                        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                        for (int i = first; i < bodies.size(); i += producers) {
                            var message = session.createTextMessage(bodies.get(i));
                            stamp.on(message, i);
                            producer.send(message);
                        }
                    }
                    return null;
                }));
            }
            for (var producer : sent) {
                producer.get(5, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Sets what a message carries besides its body. */
    private interface Stamp {
        void on(Message message, int index) throws JMSException;
    }

    /** Sends visitor messages to the inbound queue and waits until every one is stored and its conversation routed. */
    private static double appRate(ActiveMQConnectionFactory factory, String inbox) throws Exception {
        var run = UUID.randomUUID().toString();
        // Built before the clock starts, as the raw run's body is: the bench times the application, not itself.
        var bodies = IntStream.range(0, MESSAGES).mapToObj(i -> body(inbox, run, i)).toList();
        long began = System.nanoTime();
        send(factory, InboundQueues.INBOUND, bodies, PRODUCERS,
                (message, i) -> message.setStringProperty("_AMQ_DUPL_ID", run + "-" + i));
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

    private static void report(List<Round> rounds) throws Exception {
        var lines = new ArrayList<String>(List.of("",
                "=== JMS ingest bench: " + MESSAGES + " persistent messages, " + VISITORS + " visitors, "
                        + Runtime.getRuntime().availableProcessors() + " cores, " + rounds.size() + " rounds ==="));
        for (int i = 0; i < rounds.size(); i++) {
            var round = rounds.get(i);
            lines.add(String.format("round %d: raw broker (%d asynchronous producers, %d consumers) %4.0f msg/s"
                    + " (1 synchronous producer: %4.0f msg/s), app path (%d asynchronous producers -> MDB -> database"
                    + " -> routed) %4.0f msg/s, ratio %.3f, app server CPU %.1f ms/message", i + 1, PRODUCERS,
                    CONSUMERS, round.raw(), round.oneSender(), PRODUCERS, round.app(), round.ratio(),
                    round.cpuMillisPerMessage()));
        }
        var median = rounds.stream().sorted(Comparator.comparingDouble(Round::ratio)).toList().get(rounds.size() / 2);
        lines.add(String.format("median ratio app/raw: %.3f (goal 0.50); its round: raw %.0f msg/s, app %.0f msg/s,"
                + " %.1f ms CPU/message", median.ratio(), median.raw(), median.app(), median.cpuMillisPerMessage()));
        lines.add("");
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
