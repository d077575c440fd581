package com.switchboard.system.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.MariaDb;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import com.switchboard.system.support.SwitchboardProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
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
 *     path: the message stored with its seq, the event sent through the topic once that commits, to the node's
 *     subscriber, fanned out to the agents' sockets). The first messages (each a new conversation, routed) go
 *     before, then rounds of follow-ups until the server's JIT compiler is about done, as a warm-up; both are
 *     reported apart.</li>
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
    /**
     * A command run (and waited for) at each phase's start and end, as {@code HOOK <phase> start|end}, the phase
     * being {@code warm-up-pings}, {@code first-messages}, {@code warm-up-follow-ups} (once per round),
     * {@code pings} or {@code messages}: to profile one phase of the server, for instance.
     */
    private static final String HOOK = System.getProperty("bench.hook", "");
    /**
     * Rounds of follow-ups before the measured ones, until the server's JIT compiler takes under
     * {@link #WARM_COMPILER_SHARE} of its CPU in a round: on two cores its single C2 thread is still compiling the
     * message path minutes after the start, at a third of the server's CPU in the first round.
     */
    private static final int MAX_WARM_UP_ROUNDS = Integer.getInteger("bench.max-warm-up-rounds", 8);
    private static final double WARM_COMPILER_SHARE = 0.05;
    /**
     * How long a phase waits for its last answers: long enough that an overloaded phase's backlog does not run into
     * the next phase's figures.
     */
    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final Duration QUIET_WITHIN = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
    /** Send times of the frames in flight, by the ref (pings) or clientId (messages) that identifies them. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private final List<Long> rounds = Collections.synchronizedList(new ArrayList<>());
    /**
     * The messages in flight until their message.accepted, by clientId: when each was first sent (for those round
     * trips) and its frame, sent again if the node asks.
     */
    private final Map<String, Unaccepted> unaccepted = new ConcurrentHashMap<>();
    private final List<Long> acceptRounds = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger errorFrames = new AtomicInteger();
    /** Each socket's sender, for a message sent again. */
    private final Map<WebSocket, Peer> peers = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService sendAgain =
            Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger sentAgain = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    /** All message.accepted frames on visitor sockets and message.created frames on agent sockets, for the report. */
    private static final AtomicLong ACCEPTED = new AtomicLong();
    private static final AtomicLong CREATED_AT_AGENTS = new AtomicLong();
    /** Why sockets could not be opened, with how many times. */
    private final Map<String, Integer> openFailures = new ConcurrentHashMap<>();

    private SwitchboardProcess server;

    @Test
    void socketsUnderLoad(Instance switchboard) throws Exception {
        server = switchboard.process();
        var agentToken = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        var agentUrl = switchboard.wsUrl() + "/ws/agent?token=" + URLEncoder.encode(agentToken, StandardCharsets.UTF_8);
        var visitorUrl = switchboard.wsUrl() + "/ws/visitor?inbox=support";

        var agents = new CopyOnWriteArrayList<Peer>();
        var visitors = new CopyOnWriteArrayList<Peer>();
        var more = new CopyOnWriteArrayList<Peer>();
        var pinger = keepAlive(List.of(agents, visitors, more));
        open(agentUrl, AGENTS, true, agents);
        long openStart = System.nanoTime();
        open(visitorUrl, SOCKETS, false, visitors);
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        assertTrue(agents.size() == AGENTS && visitors.size() >= SOCKETS * 0.99,
                "opened " + agents.size() + " agent and " + visitors.size() + " visitor sockets: " + openFailures);

        // A round of pings, every visitor's first message (a new conversation each, routed), then rounds of as
        // many follow-ups as are measured, until the server's compiler is about done, warm both sides up
        // (compiled code, pools); what counts is what follows:
        // pings, then messages in those conversations, as most of a chat's messages are. The first messages and
        // the warm-up follow-ups are reported too: the cost of a new conversation, and of a server not yet warm
        // (the JIT compiler was still at a third of the server's CPU in the first round of follow-ups).
        run("warm-up-pings", visitors, "ping", (long) RATE * Math.max(3, SECONDS / 4));
        var first = run("first-messages", visitors, "message", visitors.size());
        var warmUp = new ArrayList<Phase>();
        do {
            warmUp.add(run("warm-up-follow-ups", visitors, "message", (long) RATE * SECONDS));
        } while (warmUp.get(warmUp.size() - 1).compilerShare() >= WARM_COMPILER_SHARE
                && warmUp.size() < MAX_WARM_UP_ROUNDS);
        var ping = run("pings", visitors, "ping", (long) RATE * SECONDS);
        var message = run("messages", visitors, "message", (long) RATE * SECONDS);

        // On the same database server, while the product idles: the floor its follow-ups are compared with.
        hook("floor", "start");
        var floor = DatabaseFloor.measure(Duration.ofSeconds(10));
        hook("floor", "end");
        int held = holdMore(visitorUrl, visitors, more);
        report(openSeconds, visitors.size(), ping, first, warmUp, message, floor, held, openFailures);
        pinger.shutdownNow();
        for (var group : List.of(agents, visitors, more)) {
            group.forEach(peer -> peer.socket.abort());
        }
    }

    private record Unaccepted(long atNanos, String frame) {
    }

    /** A socket whose sends are chained, so the bench's frames and the keep-alive pings never overlap. */
    private static final class Peer {
        final WebSocket socket;
        private CompletableFuture<WebSocket> last;

        Peer(WebSocket socket) {
            this.socket = socket;
            this.last = CompletableFuture.completedFuture(socket);
        }

        synchronized void send(String frame) {
            last = last.thenCompose(s -> s.sendText(frame, true));
        }

        boolean isOpen() {
            return !socket.isInputClosed() && !socket.isOutputClosed();
        }
    }

    /** Every socket pings every 30 s, as the console and the widget do (the server closes silent ones). */
    private static java.util.concurrent.ScheduledExecutorService keepAlive(List<List<Peer>> groups) {
        var ticker = Executors.newSingleThreadScheduledExecutor();
        var next = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> {
            var all = groups.stream().flatMap(List::stream).toList();
            int perTick = Math.max(1, all.size() / 300);
            for (int i = 0; i < perTick && !all.isEmpty(); i++) {
                var peer = all.get(Math.floorMod(next.getAndIncrement(), all.size()));
                if (peer.isOpen()) {
                    peer.send("{\"type\":\"ping\"}");
                }
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        return ticker;
    }

    /**
     * Figures of one phase: latencies in ms (sorted), frames sent, answers missing, error frames, and the CPU it
     * took per frame sent (of the server's process and of its JIT compiler threads, the whole machine, and of the
     * database and this driver apart, whose JVM holds the broker too), and the database statements and commits
     * per frame sent.
     */
    private record Phase(long[] nanos, long sent, long missing, int errors, int sentAgain, double seconds,
                         long[] acceptNanos,
                         double serverCpuMillis, double compilerCpuMillis, double machineCpuMillis,
                         double databaseCpuMillis, double appDatabaseCpuMillis,
                         double driverCpuMillis, double statements, double commits) {
        double percentile(double p) {
            return percentile(nanos, p);
        }

        /** The share of the server's CPU its JIT compiler threads took. */
        double compilerShare() {
            return serverCpuMillis == 0 ? 0 : compilerCpuMillis / serverCpuMillis;
        }

        double acceptPercentile(double p) {
            return percentile(acceptNanos, p);
        }

        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
        }
    }

    /** Sends {@code total} frames of the kind at the bench's rate, spread over the visitors in turn. */
    private Phase run(String name, List<Peer> visitors, String kind, long total) throws Exception {
        hook(name, "start");
        long serverCpuBefore = server.cpuTime().toNanos();
        long compilerCpuBefore = server.compilerCpuTime().toNanos();
        long machineCpuBefore = machineBusyNanos();
        long databaseCpuBefore = cpuNanos(DATABASE);
        long driverCpuBefore = cpuNanos(ProcessHandle.current().info());
        // Read twice: what one reading costs the counts (its own connection's statements) is taken off the end's.
        var firstReading = MariaDb.statementCounts();
        var countsBefore = MariaDb.statementCounts();
        var readingCost = countsBefore.minus(firstReading);
        inFlight.clear();
        rounds.clear();
        unaccepted.clear();
        acceptRounds.clear();
        errorFrames.set(0);
        sentAgain.set(0);
        sent.set(0);
        var phase = kind + "-" + System.nanoTime() + "-";
        var next = new AtomicInteger();
        var ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        var done = new CountDownLatch(1);
        var tickerFailure = new AtomicReference<RuntimeException>();
        ticker.scheduleAtFixedRate(() -> {
            try {
                // As many as the rate allows by now: steady at any rate, catching up after a late tick.
                long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * RATE) + 1);
                while (sent.get() < due) {
                    long n = sent.incrementAndGet();
                    var socket = visitors.get(next.getAndIncrement() % visitors.size());
                    var id = phase + n;
                    var frame = kind.equals("ping") ? "{\"type\":\"ping\",\"ref\":\"" + id + "\"}"
                            : "{\"type\":\"message.send\",\"text\":\"bench " + n + "\",\"clientId\":\"" + id
                            + "\",\"ref\":\"send:" + id + "\"}";
                    long now = System.nanoTime();
                    inFlight.put(id, now);
                    if (!kind.equals("ping")) {
                        unaccepted.put(id, new Unaccepted(now, frame));
                    }
                    socket.send(frame);
                }
                if (sent.get() >= total) {
                    done.countDown();
                }
            } catch (RuntimeException e) {
                // A task that throws is never run again: the phase would wait for ever.
                tickerFailure.set(e);
                done.countDown();
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        done.await();
        ticker.shutdownNow();
        if (tickerFailure.get() != null) {
            throw new IllegalStateException("The " + name + " phase stopped sending", tickerFailure.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long drainUntil = System.nanoTime() + DRAIN.toNanos();
        while (inFlight.keySet().stream().anyMatch(k -> k.startsWith(phase)) && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        long missing = inFlight.keySet().stream().filter(k -> k.startsWith(phase)).count();
        awaitQuietServer();
        hook(name, "end");
        double perFrame = 1e6 * sent.get();
        var counts = MariaDb.statementCounts().minus(countsBefore).minus(readingCost);
        return new Phase(sorted(rounds), sent.get(), missing, errorFrames.get(), sentAgain.get(), elapsed,
                sorted(acceptRounds),
                (server.cpuTime().toNanos() - serverCpuBefore) / perFrame,
                (server.compilerCpuTime().toNanos() - compilerCpuBefore) / perFrame,
                (machineBusyNanos() - machineCpuBefore) / perFrame,
                (cpuNanos(DATABASE) - databaseCpuBefore) / perFrame,
                counts.cpuNanos() < 0 ? Double.NaN : counts.cpuNanos() / perFrame,
                (cpuNanos(ProcessHandle.current().info()) - driverCpuBefore) / perFrame,
                counts.statements() / (double) sent.get(), counts.commits() / (double) sent.get());
    }

    private static void hook(String phase, String when) throws IOException, InterruptedException {
        if (!HOOK.isBlank()) {
            new ProcessBuilder(HOOK, phase, when).inheritIO().start().waitFor();
        }
    }

    /**
     * Waits (up to {@link #QUIET_WITHIN}) until the server is about idle: what a phase set going after its last
     * answer (routing the new conversations, offers and their queue places) counts to it and not to the next.
     */
    private void awaitQuietServer() throws InterruptedException {
        long until = System.nanoTime() + QUIET_WITHIN.toNanos();
        long before = server.cpuTime().toNanos();
        while (System.nanoTime() < until) {
            Thread.sleep(1000);
            long now = server.cpuTime().toNanos();
            if (now - before < 150_000_000L) { // under 15 % of a core in that second
                return;
            }
            before = now;
        }
    }

    /** The database server's processes, whose CPU the report shows apart. */
    private static final Predicate<ProcessHandle.Info> DATABASE =
            info -> info.command().orElse("").endsWith("/mariadbd");

    /** The CPU time of the processes that match, since each started (0 for those the system does not tell). */
    private static long cpuNanos(Predicate<ProcessHandle.Info> which) {
        return ProcessHandle.allProcesses().map(ProcessHandle::info).filter(which).mapToLong(SocketLoadBench::cpuNanos)
                .sum();
    }

    private static long cpuNanos(ProcessHandle.Info process) {
        return process.totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** The time all cores spent busy since boot (Linux's /proc/stat, in clock ticks of 10 ms). */
    private static long machineBusyNanos() throws IOException {
        var ticks = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        // cpu user nice system idle iowait irq softirq steal: everything but idle and iowait.
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(ticks[i]);
        }
        return busy * 10_000_000L;
    }

    private static long[] sorted(List<Long> values) {
        long[] array;
        synchronized (values) {
            array = values.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(array);
        return array;
    }

    /** Opens more visitor sockets until {@link #MAX_SOCKETS} or the first that fails; returns how many are open. */
    private int holdMore(String url, List<Peer> visitors, List<Peer> more) throws Exception {
        while (visitors.size() + more.size() < MAX_SOCKETS) {
            int step = Math.min(1000, MAX_SOCKETS - visitors.size() - more.size());
            if (open(url, step, false, more) < step) {
                break;
            }
        }
        // Held: still open a while later, kept alive by the pings only.
        Thread.sleep(Duration.ofSeconds(10).toMillis());
        return (int) (visitors.stream().filter(Peer::isOpen).count() + more.stream().filter(Peer::isOpen).count());
    }

    /**
     * Opens sockets, a few at a time, each added to {@code into} (and so kept alive) once its welcome arrived;
     * failures are left out. Returns how many opened.
     */
    private int open(String url, int count, boolean agent, List<Peer> into) throws InterruptedException {
        var opened = new AtomicInteger();
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
                            var peer = new Peer(socket);
                            peers.put(socket, peer);
                            into.add(peer);
                            opened.incrementAndGet();
                        } else {
                            var cause = failure instanceof java.util.concurrent.CompletionException
                                    && failure.getCause() != null ? failure.getCause() : failure;
                            openFailures.merge(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 1,
                                    Integer::sum);
                        }
                        permits.release();
                        all.countDown();
                    });
        }
        all.await();
        return opened.get();
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
                    case "message.accepted" -> {
                        ACCEPTED.incrementAndGet();
                        var sent = unaccepted.remove(frame.getString("clientId", ""));
                        if (sent != null) {
                            acceptRounds.add(now - sent.atNanos());
                        }
                    }
                    case "message.created" -> {
                        if (agent) {
                            CREATED_AT_AGENTS.incrementAndGet();
                            timed(frame.getString("clientId", null), now);
                        }
                    }
                    case "error" -> {
                        errorFrames.incrementAndGet();
                        sendAgainIfAsked(socket, frame);
                    }
                    default -> {
                    }
                }
            }
            socket.request(1);
            return null;
        }

        /**
         * As the widget does: a message the node could not take for now goes again after the time it asked for,
         * the same clientId; its latency still counts from its first send.
         */
        private void sendAgainIfAsked(WebSocket socket, JsonObject error) {
            var ref = error.getString("ref", "");
            var sent = ref.startsWith("send:") ? unaccepted.get(ref.substring(5)) : null;
            if (sent != null && Set.of("server.unavailable", "rate.limited").contains(error.getString("code", ""))) {
                sentAgain.incrementAndGet();
                sendAgain.schedule(() -> peers.get(socket).send(sent.frame()),
                        error.getJsonNumber("retryAfterMs").longValue(), TimeUnit.MILLISECONDS);
            }
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

    private static void report(double openSeconds, int opened, Phase ping, Phase first, List<Phase> warmUp,
                               Phase message, DatabaseFloor.Rates floor, int held, Map<String, Integer> openFailures)
            throws Exception {
        var lines = new ArrayList<String>();
        lines.add("Socket load (" + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; product: Payara Micro, MariaDB, external Artemis, -Xmx768m)");
        lines.add(String.format("  %d of %d visitor + %d agent sockets opened in %.1f s; %d frames/s for %d s per phase",
                opened, SOCKETS, AGENTS, openSeconds, RATE, SECONDS));
        for (var phase : List.of(Map.entry("ping/pong (baseline)", ping),
                Map.entry("visitor -> agent (persisted)", message),
                Map.entry("first messages (new, routed)", first),
                Map.entry("follow-ups, first round", warmUp.get(0)))) {
            var p = phase.getValue();
            lines.add(String.format("  %-30s p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms  "
                            + "%d sent in %.1f s, %d unanswered, %d error frames (%d sent again when asked)",
                    phase.getKey(), p.percentile(50), p.percentile(99), p.percentile(99.9), p.percentile(100),
                    p.sent(), p.seconds(), p.missing(), p.errors(), p.sentAgain()));
        }
        for (var phase : List.of(Map.entry("visitor -> message.accepted", message),
                Map.entry("first -> message.accepted", first),
                Map.entry("first round -> accepted", warmUp.get(0)))) {
            var p = phase.getValue();
            lines.add(String.format("  %-30s p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  (stored and committed)",
                    phase.getKey(), p.acceptPercentile(50), p.acceptPercentile(99), p.acceptPercentile(99.9)));
        }
        lines.add(String.format("  CPU per frame: ping server %.2f ms, machine %.2f ms; message server %.2f ms, "
                        + "machine %.2f ms; first message server %.2f ms, machine %.2f ms (of %d cores; the "
                        + "machine's includes MariaDB, Artemis and this driver)",
                ping.serverCpuMillis(), ping.machineCpuMillis(), message.serverCpuMillis(),
                message.machineCpuMillis(), first.serverCpuMillis(), first.machineCpuMillis(),
                Runtime.getRuntime().availableProcessors()));
        lines.add(String.format("  of which the server's JIT compiler: ping %.2f ms, message %.2f ms, first message "
                        + "%.2f ms", ping.compilerCpuMillis(), message.compilerCpuMillis(), first.compilerCpuMillis()));
        lines.add(String.format("  warm-up: %d rounds of follow-ups (up to %d, until the JIT compiler takes under %.0f %% "
                        + "of the server's CPU); by round, server CPU per message and the compiler's share: %s",
                warmUp.size(), MAX_WARM_UP_ROUNDS, 100 * WARM_COMPILER_SHARE, String.join(", ", warmUp.stream()
                        .map(p -> String.format("%.2f ms %.0f %%", p.serverCpuMillis(), 100 * p.compilerShare()))
                        .toList())));
        lines.add(String.format("  CPU per message apart: database %.2f ms, this driver with the broker in its JVM "
                        + "%.2f ms (first message: %.2f, %.2f ms)", message.databaseCpuMillis(), message.driverCpuMillis(),
                first.databaseCpuMillis(), first.driverCpuMillis()));
        lines.add(String.format("  database per frame: ping %.1f statements, %.2f commits; message %.1f statements, "
                        + "%.2f commits; first message %.1f statements, %.2f commits (statements: the product's database user; commits: server-wide)",
                ping.statements(), ping.commits(), message.statements(), message.commits(), first.statements(),
                first.commits()));
        lines.add(String.format("  database CPU per message of the product's own connections: %.2f ms (first message "
                + "%.2f ms; MariaDB's user statistics)", message.appDatabaseCpuMillis(), first.appDatabaseCpuMillis()));
        int cores = Runtime.getRuntime().availableProcessors();
        double saturation = cores * 1000 / message.machineCpuMillis();
        lines.add(String.format("  floor (plain JDBC, %d threads, same MariaDB, this run): %.0f messages/s one "
                        + "transaction each, %.0f/s %d to a transaction; follow-ups saturate the machine near %.0f/s "
                        + "(%d cores / machine CPU per message): %.2f of the floor (goal 0.8)", DatabaseFloor.THREADS,
                floor.perMessageTransaction(), floor.batched(), DatabaseFloor.PER_BATCH, saturation, cores,
                saturation / floor.perMessageTransaction()));
        lines.add(String.format("  ratio message/ping: p50 %.1fx  p99 %.1fx  p99.9 %.1fx",
                message.percentile(50) / ping.percentile(50), message.percentile(99) / ping.percentile(99),
                message.percentile(99.9) / ping.percentile(99.9)));
        lines.add("  largest socket count held: " + held + " (of " + MAX_SOCKETS + " tried)");
        lines.add("  in all: " + ACCEPTED.get() + " messages accepted, " + CREATED_AT_AGENTS.get()
                + " message.created frames on the agent sockets");
        openFailures.forEach((why, times) -> lines.add("  sockets not opened: " + times + " x " + why));
        lines.forEach(System.out::println);
        var file = Path.of(System.getProperty("bench.report", "target/socket-bench-report.txt"));
        Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
