package com.switchboard.system.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A visitor writing as the widget does, for the fault tests: each message has its own {@code clientId}, recorded
 * in a {@link DeliveryLedger} when sent and when {@code message.accepted} comes back (with its conversation and
 * seq). An error frame is a clear refusal: the message is kept and sent again, with the same clientId, after a
 * pause; a socket the server closed is opened again with the visitor's token. Anything that goes unanswered while
 * the node is up is reported in {@code failures}.
 */
public final class WidgetVisitor {

    private static final Duration ANSWER = Duration.ofSeconds(20);

    private final String name;
    private final String inbox;
    private final DeliveryLedger ledger;
    private final Queue<String> failures;
    /** Error codes the visitors were answered with, and how often: the clear failures a test reports. */
    private final Map<String, AtomicInteger> refusals;
    private final List<String> unanswered = new ArrayList<>();
    private int sent;
    private String token;
    private SocketClient socket;

    public WidgetVisitor(String name, String inbox, DeliveryLedger ledger, Queue<String> failures,
                         Map<String, AtomicInteger> refusals) {
        this.name = name;
        this.inbox = inbox;
        this.ledger = ledger;
        this.failures = failures;
        this.refusals = refusals;
    }

    public static Map<String, AtomicInteger> newRefusalCounts() {
        return new ConcurrentHashMap<>();
    }

    /** Opens the socket (with the token it was given before, if any); false when the node does not answer. */
    public boolean connect(String wsUrl) {
        disconnect();
        try {
            var url = wsUrl + "/ws/visitor?inbox=" + inbox
                    + (token == null ? "" : "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            var opened = SocketClient.connect(url);
            var welcome = opened.next("welcome", ANSWER);
            if (token != null && !token.equals(welcome.getString("visitorToken"))) {
                failures.add(name + ": a new visitor token after reconnecting");
            }
            token = welcome.getString("visitorToken");
            socket = opened;
            return true;
        } catch (RuntimeException | AssertionError | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    public void disconnect() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    /**
     * Writes one message after the other, {@code pace} apart, while {@code go} holds; the node's socket address
     * comes from {@code wsUrl} each time a socket is opened. Call from a thread of its own.
     *
     * @param nodeUp false while the test knows the node is down: silence then is no failure
     */
    public void writeWhile(BooleanSupplier go, BooleanSupplier nodeUp, Supplier<String> wsUrl, Duration pace) {
        try {
            while (go.getAsBoolean()) {
                var clientId = unanswered.isEmpty() ? next() : unanswered.remove(0);
                if (!deliver(clientId, go, nodeUp, wsUrl)) {
                    unanswered.add(0, clientId);
                }
                Thread.sleep(pace.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drain();
        }
    }

    private String next() {
        var clientId = name + "-" + String.format("%05d", ++sent);
        ledger.sent(clientId);
        return clientId;
    }

    /** Sends the message once and waits for its answer: true when accepted. */
    private boolean deliver(String clientId, BooleanSupplier go, BooleanSupplier nodeUp, Supplier<String> wsUrl)
            throws InterruptedException {
        if ((socket == null || socket.isClosed()) && !connect(wsUrl.get())) {
            return false;
        }
        try {
            socket.send(Json.createObjectBuilder().add("type", "message.send").add("text", "message " + clientId)
                    .add("clientId", clientId).build());
        } catch (RuntimeException socketGone) {
            disconnect();
            return false;
        }
        long deadline = System.nanoTime() + ANSWER.toNanos();
        while (go.getAsBoolean() || nodeUp.getAsBoolean()) {
            var frame = socket.poll(Duration.ofMillis(100));
            if (frame != null) {
                var type = frame.getString("type", "");
                if (type.equals("message.accepted")) {
                    record(frame);
                    if (frame.getString("clientId").equals(clientId)) {
                        return true;
                    }
                } else if (type.equals("error")) {
                    refusals.computeIfAbsent(frame.getString("code", "?"), code -> new AtomicInteger())
                            .incrementAndGet();
                    return false;
                }
            } else if (socket.isClosed()) {
                disconnect();
                return false;
            } else if (System.nanoTime() > deadline) {
                if (nodeUp.getAsBoolean()) {
                    failures.add(name + ": no answer to " + clientId + " within " + ANSWER);
                }
                return false;
            }
        }
        return false;
    }

    private void record(JsonObject accepted) {
        ledger.acknowledged(accepted.getString("clientId"), accepted.getJsonNumber("conversationId").longValue()
                + "#" + accepted.getJsonNumber("seq").longValue());
    }

    /** Acknowledgements that reached the socket before it went count as given. */
    private void drain() {
        if (socket == null) {
            return;
        }
        try {
            JsonObject frame;
            while ((frame = socket.poll(Duration.ZERO)) != null) {
                if (frame.getString("type", "").equals("message.accepted")) {
                    record(frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends what was never acknowledged again (same clientIds) until each is accepted, as the widget does. */
    public void resendUnacknowledged(String wsUrl) throws InterruptedException {
        var pending = ledger.unacknowledged().stream().filter(id -> id.startsWith(name + "-")).toList();
        for (var clientId : pending) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!deliver(clientId, () -> false, () -> true, () -> wsUrl)) {
                if (System.nanoTime() > deadline) {
                    failures.add(name + ": " + clientId + " not accepted on resending within a minute");
                    break;
                }
                Thread.sleep(500);
            }
        }
        unanswered.clear();
    }
}
