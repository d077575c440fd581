package com.switchboard.system.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sockets under load, against the running product in its production configuration (MariaDB, an external
 * broker: {@link SharedSwitchboard}). Opens {@code bench.sockets} visitor sockets and {@code bench.agents} agent
 * sockets (the admin's tabs, who see every conversation), then, at {@code bench.rate} frames per second spread
 * over the visitors for {@code bench.seconds}:
 * <ul>
 *     <li><b>baseline</b>: {@code ping} → {@code pong} round trips on the same visitor sockets (the socket path
 *     alone: frame in, frame out, no database);</li>
 *     <li><b>messages</b>: {@code message.send} → the {@code message.created} on an agent socket (the persisted
 *     path: the message stored with its seq in a transaction with the broker, the event through the topic to the
 *     node's subscriber, fanned out to the agents' sockets).</li>
 * </ul>
 * Then it opens more visitor sockets, up to {@code bench.max-sockets}, to find how many the node holds.
 * Not a test: run with {@code bench/sockets} and read the figures (docs/PERFORMANCE.md).
 */
@ExtendWith(SharedSwitchboard.class)
class SocketLoadBench {

    private static final int SOCKETS = Integer.getInteger("bench.sockets", 2000);
    private static final int AGENTS = Integer.getInteger("bench.agents", 4);
    private static final int RATE = Integer.getInteger("bench.rate", 500);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int MAX_SOCKETS = Integer.getInteger("bench.max-sockets", 10_000);
    private static final int CONNECTING_AT_ONCE = 64;
    private static final Duration DRAIN = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
    /** Send times of the frames in flight, by the ref (pings) or clientId (messages) that identifies them. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private final List<Long> rounds = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger errorFrames = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();

    @Test
    void socketsUnderLoad(Instance switchboard) throws Exception {
        var agentToken = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        var agentUrl = switchboard.wsUrl() + "/ws/agent?token=" + URLEncoder.encode(agentToken, StandardCharsets.UTF_8);
        var visitorUrl = switchboard.wsUrl() + "/ws/visitor?inbox=support";

        var agents = open(agentUrl, AGENTS, true);
        long openStart = System.nanoTime();
        var visitors = open(visitorUrl, SOCKETS, false);
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        assertTrue(agents.size() == AGENTS && visitors.size() == SOCKETS,
                "opened " + agents.size() + " agent and " + visitors.size() + " visitor sockets");

        // A first round of each warms both sides up (compiled code, pools); the second one counts.
        run(visitors, "ping", Math.max(3, SECONDS / 4));
        run(visitors, "message", Math.max(3, SECONDS / 4));
        var ping = run(visitors, "ping", SECONDS);
        var message = run(visitors, "message", SECONDS);

        int held = holdMore(visitorUrl, visitors);
        report(openSeconds, ping, message, held);
        for (var socket : visitors) {
            socket.abort();
        }
        agents.forEach(WebSocket::abort);
    }

    /** Figures of one phase: latencies in ms (sorted), frames sent, answers missing, error frames. */
    private record Phase(long[] nanos, long sent, long missing, int errors, double seconds) {
        double percentile(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            return nanos[Math.min(nanos.length - 1, (int) Math.ceil(p / 100 * nanos.length) - 1)] / 1e6;
        }
    }

    private Phase run(List<WebSocket> visitors, String kind, int seconds) throws Exception {
        inFlight.clear();
        rounds.clear();
        errorFrames.set(0);
        sent.set(0);
        var phase = kind + "-" + System.nanoTime() + "-";
        var next = new AtomicInteger();
        var ticker = Executors.newSingleThreadScheduledExecutor();
        long perTick = Math.max(1, RATE / 100);
        long total = (long) RATE * seconds;
        long start = System.nanoTime();
        var done = new CountDownLatch(1);
        ticker.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick && sent.get() < total; i++) {
                long n = sent.incrementAndGet();
                var socket = visitors.get(next.getAndIncrement() % visitors.size());
                var id = phase + n;
                var frame = kind.equals("ping") ? "{\"type\":\"ping\",\"ref\":\"" + id + "\"}"
                        : "{\"type\":\"message.send\",\"text\":\"bench " + n + "\",\"clientId\":\"" + id + "\"}";
                inFlight.put(id, System.nanoTime());
                try {
                    socket.sendText(frame, true);
                } catch (IllegalStateException busy) {
                    inFlight.remove(id);
                    errorFrames.incrementAndGet();
                }
            }
            if (sent.get() >= total) {
                done.countDown();
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        done.await();
        ticker.shutdownNow();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long drainUntil = System.nanoTime() + DRAIN.toNanos();
        while (inFlight.keySet().stream().anyMatch(k -> k.startsWith(phase)) && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        long missing = inFlight.keySet().stream().filter(k -> k.startsWith(phase)).count();
        long[] nanos;
        synchronized (rounds) {
            nanos = rounds.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(nanos);
        return new Phase(nanos, sent.get(), missing, errorFrames.get(), elapsed);
    }

    /** Opens more visitor sockets until {@link #MAX_SOCKETS} or the first that fails; returns how many are open. */
    private int holdMore(String url, List<WebSocket> visitors) throws Exception {
        var more = new ArrayList<WebSocket>();
        while (visitors.size() + more.size() < MAX_SOCKETS) {
            int step = Math.min(1000, MAX_SOCKETS - visitors.size() - more.size());
            var opened = open(url, step, false);
            more.addAll(opened);
            if (opened.size() < step) {
                break;
            }
        }
        int open = (int) (visitors.stream().filter(s -> !s.isInputClosed()).count()
                + more.stream().filter(s -> !s.isInputClosed()).count());
        more.forEach(WebSocket::abort);
        return open;
    }

    /** Opens sockets, a few at a time, each counted once its welcome arrived; failures are left out. */
    private List<WebSocket> open(String url, int count, boolean agent) throws InterruptedException {
        var opened = Collections.synchronizedList(new ArrayList<WebSocket>());
        var permits = new Semaphore(CONNECTING_AT_ONCE);
        var all = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            permits.acquire();
            var welcomed = new CompletableFuture<WebSocket>();
            http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(url), new Listener(agent, welcomed))
                    .thenCompose(socket -> welcomed)
                    .orTimeout(60, TimeUnit.SECONDS)
                    .whenComplete((socket, failure) -> {
                        if (failure == null) {
                            opened.add(socket);
                        }
                        permits.release();
                        all.countDown();
                    });
        }
        all.await();
        return new ArrayList<>(opened);
    }

    /** Reads frames: the welcome, pongs and (on agent sockets) the bench's messages, each timed once. */
    private final class Listener implements WebSocket.Listener {
        private final boolean agent;
        private final CompletableFuture<WebSocket> welcomed;
        private final StringBuilder partial = new StringBuilder();

        Listener(boolean agent, CompletableFuture<WebSocket> welcomed) {
            this.agent = agent;
            this.welcomed = welcomed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                JsonObject frame;
                try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                    frame = reader.readObject();
                }
                partial.setLength(0);
                var type = frame.getString("type", "");
                switch (type) {
                    case "welcome" -> welcomed.complete(socket);
                    case "pong" -> timed(frame.getString("ref", null), now);
                    case "message.created" -> {
                        if (agent) {
                            timed(frame.getString("clientId", null), now);
                        }
                    }
                    case "error" -> errorFrames.incrementAndGet();
                    default -> {
                    }
                }
            }
            socket.request(1);
            return null;
        }

        private void timed(String id, long now) {
            var sentAt = id == null ? null : inFlight.remove(id);
            if (sentAt != null) {
                rounds.add(now - sentAt);
            }
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            welcomed.completeExceptionally(error);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            welcomed.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }
    }

    private static void report(double openSeconds, Phase ping, Phase message, int held)
            throws Exception {
        var lines = new ArrayList<String>();
        lines.add("Socket load (" + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; product: Payara Micro, MariaDB, external Artemis, -Xmx768m)");
        lines.add(String.format("  %d visitor + %d agent sockets opened in %.1f s; %d msg/s for %d s per phase",
                SOCKETS, AGENTS, openSeconds, RATE, SECONDS));
        for (var phase : List.of(Map.entry("ping/pong (baseline)", ping),
                Map.entry("visitor -> agent (persisted)", message))) {
            var p = phase.getValue();
            lines.add(String.format("  %-30s p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms  "
                            + "%d sent in %.1f s, %d unanswered, %d error frames", phase.getKey(),
                    p.percentile(50), p.percentile(99), p.percentile(99.9), p.percentile(100), p.sent(),
                    p.seconds(), p.missing(), p.errors()));
        }
        lines.add(String.format("  ratio message/ping: p50 %.1fx  p99 %.1fx  p99.9 %.1fx",
                message.percentile(50) / ping.percentile(50), message.percentile(99) / ping.percentile(99),
                message.percentile(99.9) / ping.percentile(99.9)));
        lines.add("  largest socket count held: " + held + " (of " + MAX_SOCKETS + " tried)");
        lines.forEach(System.out::println);
        var file = Path.of(System.getProperty("bench.report", "target/socket-bench-report.txt"));
        Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
