package com.switchboard.system.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) that collects the JSON frames it receives. */
public final class SocketClient implements AutoCloseable {

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private SocketClient(WebSocket.Builder builder, String url) {
        this.socket = builder.connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), new Collector())
                .join();
    }

    public static SocketClient connect(String url) {
        return new SocketClient(HttpClient.newHttpClient().newWebSocketBuilder(), url);
    }

    /** As a browser on {@code origin} connects (null: no Origin header), offering {@code subprotocols}. */
    public static SocketClient connect(String url, String origin, String... subprotocols) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return new SocketClient(builder, url);
    }

    /** The HTTP status with which the server refused the handshake; fails if it accepted it. */
    public static int refusedHandshake(String url, String origin) {
        try (var accepted = connect(url, origin)) {
            throw new AssertionError("The handshake from " + origin + " was accepted");
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** The subprotocol the server chose ("" for none). */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public SocketClient send(JsonObject frame) {
        return sendRaw(frame.toString());
    }

    public synchronized SocketClient sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
        return this;
    }

    public synchronized SocketClient sendRaw(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** The next frame, failing if none arrives in time. */
    public JsonObject next(Duration timeout) throws InterruptedException {
        var frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("No frame within " + timeout);
        }
        return frame;
    }

    /** The next frame of the given type; frames of other types before it are skipped. */
    public JsonObject next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            var frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
            if (frame == null) {
                throw new AssertionError("No '" + type + "' frame within " + timeout + "; got " + skipped);
            }
            if (type.equals(frame.getString("type", ""))) {
                return frame;
            }
            skipped.add(frame.toString());
        }
    }

    /** A frame that arrives within {@code wait}, or null: for checking that nothing arrives. */
    public JsonObject poll(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the server closed the socket or the connection broke. */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** The close code the server sent, waiting for it. */
    public int closeCode(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                    frames.add(reader.readObject());
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
