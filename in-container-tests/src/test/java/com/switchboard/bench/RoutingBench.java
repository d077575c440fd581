package com.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Role;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.routing.control.Router;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Routing throughput and decision latency with 200 agents (capacity 5 each) and 1,000 waiting conversations, in
 * the real application on Payara Micro and MariaDB. Not a test: run with {@code bench/run} and read the figures.
 * <p>
 * Each decision is {@link Router#route} (lock the conversation, rank 200 members with grouped load queries, lock
 * the chosen agent, count again, write the offer and its decision, arm its timer, publish two events). The
 * baseline, measured in the same run on the same rows and threads, is the floor any decision pays: a transaction
 * that locks the conversation's row and writes one decision row.
 */
@ExtendWith(ArquillianExtension.class)
public class RoutingBench {

    private static final int AGENTS = 200;
    private static final int CAPACITY = 5;
    private static final int CONVERSATIONS = 1000;
    private static final int THREADS = 8;

    @Deployment
    public static WebArchive deployment() {
        var war = new File(System.getProperty("it.deployments", "target/deployments"), "switchboard.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war).addClasses(RoutingBench.class);
    }

    @EJB
    InboxService inboxes;

    @EJB
    AgentService agents;

    @EJB
    VisitorService visitors;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    Router router;

    @Test
    public void routing() throws Exception {
        var inbox = inboxes.create(new InboxSettings("Bench " + UUID.randomUUID(), AssignmentMode.AUTO,
                Duration.ofHours(1), null, null, null, null));
        var agentIds = new ArrayList<Long>();
        for (int i = 0; i < AGENTS; i++) {
            var agent = agents.create(new NewAgent("bench" + i + "." + UUID.randomUUID() + "@example.com",
                    "Agent " + i, "bench password", Set.of(Role.AGENT)));
            inboxes.addMember(inbox.id(), agent.id(), CAPACITY);
            agentIds.add(agent.id());
        }
        var conversations = new ArrayList<Long>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            conversations.add(visitorMessages.post(inbox.settings().name(), visitors.issueToken(),
                    "waiting " + i).conversationId());
        }
        awaitQueueSettled(conversations);

        var baseline = measure(conversations, this::lockAndRecord);
        // Everyone comes online in one statement, past the routing events, so only the bench's threads route.
        execute("UPDATE agent SET presence = 'ONLINE' WHERE id IN (" + join(agentIds) + ")");
        var routing = measure(conversations, id -> router.route(id, true));

        var offers = single("SELECT COUNT(*) FROM offer WHERE conversation_id IN (" + join(conversations) + ")");
        var busiest = single("SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) n FROM offer WHERE agent_id IN ("
                + join(agentIds) + ") AND status = 'PENDING' GROUP BY agent_id) loads");
        report(baseline, routing, offers);
        assertEquals(Math.min(CONVERSATIONS, AGENTS * CAPACITY), offers, "every place filled, once");
        assertTrue(busiest <= CAPACITY, "nobody over capacity: " + busiest);
    }

    private record Figures(long[] nanos, long wallNanos) {
        double perSecond() {
            return nanos.length / (wallNanos / 1e9);
        }

        double percentileMillis(double p) {
            var sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }

    /** Runs {@code step} once per conversation on {@link #THREADS} container threads; times each call and all. */
    private static Figures measure(List<Long> ids, LongConsumer step) throws Exception {
        var queue = new ConcurrentLinkedQueue<>(ids);
        var nanos = new long[ids.size()];
        var index = new java.util.concurrent.atomic.AtomicInteger();
        var start = new CountDownLatch(1);
        var done = new CountDownLatch(THREADS);
        ManagedThreadFactory threads = InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
        for (int t = 0; t < THREADS; t++) {
            threads.newThread(() -> {
                try {
                    start.await();
                    for (Long id; (id = queue.poll()) != null; ) {
                        long began = System.nanoTime();
                        step.accept(id);
                        nanos[index.getAndIncrement()] = System.nanoTime() - began;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        long began = System.nanoTime();
        start.countDown();
        assertTrue(done.await(10, TimeUnit.MINUTES), "the bench finished in time");
        return new Figures(nanos, System.nanoTime() - began);
    }

    private void lockAndRecord(long conversationId) {
        try (var connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (var lock = connection.prepareStatement("SELECT id FROM conversation WHERE id = ? FOR UPDATE");
                 var insert = connection.prepareStatement("INSERT INTO routing_decision "
                         + "(conversation_id, decided_at, outcome, explanation) VALUES (?, ?, 'WAITING', 'baseline')")) {
                lock.setLong(1, conversationId);
                lock.executeQuery().close();
                insert.setLong(1, conversationId);
                insert.setTimestamp(2, java.sql.Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            connection.commit();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The routing requests of the posts have all been handled: each conversation has its WAITING decision. */
    private static void awaitQueueSettled(List<Long> conversations) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (single("SELECT COUNT(DISTINCT conversation_id) FROM routing_decision WHERE conversation_id IN ("
                + join(conversations) + ")") < conversations.size()) {
            assertTrue(System.nanoTime() < deadline, "the routing queue settled");
            Thread.sleep(200);
        }
    }

    /** Prints the figures in the container's log and writes them where bench/run shows them (BENCH_REPORT). */
    private static void report(Figures baseline, Figures routing, long offers) throws Exception {
        var lines = List.of(
                "",
                "=== Routing bench: " + AGENTS + " agents x capacity " + CAPACITY + ", " + CONVERSATIONS
                        + " waiting conversations, " + THREADS + " threads, " + Runtime.getRuntime()
                        .availableProcessors() + " cores ===",
                String.format("baseline (lock row + write decision): %8.0f/s   p50 %6.2f ms   p99 %6.2f ms",
                        baseline.perSecond(), baseline.percentileMillis(0.50), baseline.percentileMillis(0.99)),
                String.format("routing decision (offers made: %d):  %8.0f/s   p50 %6.2f ms   p99 %6.2f ms",
                        offers, routing.perSecond(), routing.percentileMillis(0.50), routing.percentileMillis(0.99)),
                String.format("ratio routing/baseline: throughput %.2f   p50 latency %.2fx   p99 latency %.2fx",
                        routing.perSecond() / baseline.perSecond(),
                        routing.percentileMillis(0.50) / baseline.percentileMillis(0.50),
                        routing.percentileMillis(0.99) / baseline.percentileMillis(0.99)),
                "");
        lines.forEach(System.out::println);
        var file = System.getenv("BENCH_REPORT");
        if (file != null) {
            java.nio.file.Files.write(java.nio.file.Path.of(file), lines, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static String join(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    private static long single(String sql) throws Exception {
        try (var connection = dataSource().getConnection(); var statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void execute(String sql) throws Exception {
        try (var connection = dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static DataSource dataSource() throws Exception {
        return InitialContext.doLookup("java:app/jdbc/switchboard");
    }
}
