package com.switchboard.realtime;

import com.switchboard.input.RateLimit;
import com.switchboard.input.UnicodeText;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client socket and what the protocol keeps for it: its id (so a tab does not get its own signals back), its
 * rate limit, and per resumed conversation the highest seq it was sent, which makes resume gap-free and
 * duplicate-free.
 * All writes to the socket go through here, one call at a time (the container refuses concurrent writes).
 *
 * <p>Resume: {@link #beginReplay} moves the conversation's position back to what the client has and holds the
 * live events that arrive from then on; {@link #endReplay} sends the replayed entries the database returned, the
 * {@code resumed} frame, then the held live events that are newer, in seq order. Because an event leaves for the
 * topic only after its transaction committed, a live event either committed before the replay's read (then the
 * replay has it and the held copy is dropped) or after (then it is held and sent after the replay).
 */
public final class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());
    /**
     * The context class loader while a frame is handed to the container. Tyrus re-arms the socket's idle timer
     * with every frame, through a managed executor that looks its context providers up with a ServiceLoader of
     * the thread's context class loader each time: with the application's loader that scans every jar of the
     * runtime, with the platform's it scans none (docs/PERFORMANCE.md, "What moved the figures"). Nothing the
     * container runs for the frame loads application classes by that loader.
     */
    private static final ClassLoader FEW_JARS = ClassLoader.getPlatformClassLoader();
    public static final String KEY = Connection.class.getName();

    /** A conversation entry on its way to the client: its seq and the frame's text. */
    public record Entry(long seq, String frame) {
    }

    private record Refusal(JsonObject error, CloseReason.CloseCode code) {
    }

    private static final class Position {
        long sent;
        List<Entry> held;

        Position(long sent) {
            this.sent = sent;
        }
    }

    private final Session session;
    private final String id = UUID.randomUUID().toString();
    private final RateLimit rateLimit;
    private final Map<Long, Position> positions = new HashMap<>();
    private Object queuePlace;
    private Refusal refusal;

    public Connection(Session session, RateLimit rateLimit) {
        this.session = session;
        this.rateLimit = rateLimit;
    }

    public static Connection of(Session session) {
        return (Connection) session.getUserProperties().get(KEY);
    }

    public String id() {
        return id;
    }

    public Session session() {
        return session;
    }

    /** 0 when the client may send another frame now, otherwise the milliseconds to wait. */
    public long throttle() {
        return rateLimit.take(System.nanoTime());
    }

    /**
     * A live conversation entry: sent unless the client has it already, held while a replay is read. Positions are
     * kept only for the conversations the client resumed (what it shows), so an overseer's socket that sees every
     * conversation does not collect one per conversation; for the others the client orders by seq itself.
     */
    public synchronized void live(long conversationId, Entry entry) {
        var position = positions.get(conversationId);
        if (position == null) {
            send(entry.frame());
        } else if (position.held != null) {
            position.held.add(entry);
        } else if (entry.seq() > position.sent) {
            position.sent = entry.seq();
            send(entry.frame());
        }
    }

    public synchronized void beginReplay(long conversationId, long afterSeq) {
        var position = new Position(afterSeq);
        position.held = new ArrayList<>();
        positions.put(conversationId, position);
    }

    /** Sends the replay, then {@code resumed} (made from the last seq sent), then what was held meanwhile. */
    public synchronized void endReplay(long conversationId, List<Entry> replayed,
                                       LongFunction<JsonObject> resumed) {
        var position = positions.get(conversationId);
        for (var entry : replayed) {
            if (entry.seq() > position.sent) {
                position.sent = entry.seq();
                send(entry.frame());
            }
        }
        if (resumed != null) {
            send(resumed.apply(position.sent));
        }
        var held = position.held;
        position.held = null;
        held.sort(Comparator.comparingLong(Entry::seq));
        for (var entry : held) {
            if (entry.seq() > position.sent) {
                position.sent = entry.seq();
                send(entry.frame());
            }
        }
    }

    /** A replay that failed: what was held goes out as live events would have. */
    public void abortReplay(long conversationId) {
        endReplay(conversationId, List.of(), null);
    }

    public synchronized void send(JsonObject frame) {
        if (!session.isOpen()) {
            return;
        }
        var thread = Thread.currentThread();
        var loader = thread.getContextClassLoader();
        thread.setContextClassLoader(FEW_JARS);
        try {
            session.getBasicRemote().sendObject(frame);
        } catch (IOException | EncodeException | IllegalStateException e) {
            LOG.log(Level.FINE, "Dropped a frame to a closing socket", e);
        } catch (RuntimeException | Error e) {
            unsendable(e);
        } finally {
            thread.setContextClassLoader(loader);
        }
    }

    /**
     * An event to the client, without waiting for it to be written: one node's events are handed out by a single
     * subscriber thread (in order), which must not wait on each of thousands of sockets in turn. Frames are queued
     * in the order of these calls, which the lock keeps in line with the direct answers.
     */
    public synchronized void send(String frame) {
        if (!session.isOpen()) {
            return;
        }
        var thread = Thread.currentThread();
        var loader = thread.getContextClassLoader();
        thread.setContextClassLoader(FEW_JARS);
        try {
            session.getAsyncRemote().sendText(UnicodeText.wellFormed(frame), result -> {
                if (!result.isOK()) {
                    LOG.log(Level.FINE, "Dropped a frame to a closing socket", result.getException());
                }
            });
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "Dropped a frame to a closing socket", e);
        } catch (RuntimeException | Error e) {
            unsendable(e);
        } finally {
            thread.setContextClassLoader(loader);
        }
    }

    /**
     * The container could not send a frame to this socket (its encoder throws even an {@link Error} for text it
     * cannot encode): this socket alone is closed, so the fan-out and the replay go on for the others and the
     * event is not redelivered to every socket of the node again.
     */
    private void unsendable(Throwable e) {
        if (e instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        LOG.log(Level.WARNING, "Closing a socket that could not take a frame: {0}", e.toString());
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "frame.unsendable"));
        } catch (IOException | RuntimeException closing) {
            LOG.log(Level.FINE, "The socket was closing already", closing);
        }
    }

    /**
     * The visitor's place in the queue, sent only when it differs from the last one this socket was told: most
     * of a long queue does not move when someone joins at its end.
     */
    public synchronized void queuePlace(Object place, Supplier<String> frame) {
        if (!place.equals(queuePlace)) {
            queuePlace = place;
            send(frame.get());
        }
    }

    /** The wait the visitor was told of is over: the next place is sent whatever it is. */
    public synchronized void leftQueue() {
        queuePlace = null;
    }

    /** An error frame, then the close: a policy violation (authentication, a block). */
    public synchronized void refuse(JsonObject error, CloseReason.CloseCode code) {
        send(error);
        close(error, code);
    }

    /**
     * {@link #refuse} from the endpoint's {@code @OnOpen}: the error frame now, the close on the client's answer
     * to a ping sent {@code later}. The container opens the socket while it is still finishing the handshake's
     * request: a close there recycled that request under it. And a close from any thread but the one reading the
     * socket races the container's own end of the connection when the client answers the close at once (both
     * close the same request; the loser fails with a NullPointerException). The client's pong arrives on the
     * reading thread, where {@link #closeRefused} closes with no race; a client that answers no ping is closed
     * from {@code later} once more.
     */
    public void refuseAsItOpens(JsonObject error, CloseReason.CloseCode code, Executor later) {
        synchronized (this) {
            send(error);
            refusal = new Refusal(error, code);
        }
        later.execute(() -> {
            ping();
            later.execute(this::closeRefused);
        });
    }

    /** Closes a socket refused as it opened; nothing for any other. */
    public synchronized void closeRefused() {
        if (refusal != null) {
            close(refusal.error(), refusal.code());
            refusal = null;
        }
    }

    private synchronized void ping() {
        try {
            if (session.isOpen()) {
                session.getBasicRemote().sendPing(ByteBuffer.allocate(0));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "A refused socket was closing already", e);
        }
    }

    private void close(JsonObject error, CloseReason.CloseCode code) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(code, error.getString("code")));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "A refused socket was closing already", e);
        }
    }
}
