package com.switchboard.realtime;

import com.switchboard.conversation.entity.DeliveryStatus;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.events.ConversationEvent;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** What both endpoints do alike with a connection and its frames. */
public final class SocketFrames {

    /** Reads what the client may see after a seq of a conversation (and checks that it may). */
    public interface ReplaySource {
        List<ConversationEvent> after(long conversationId, long afterSeq);
    }

    private static final Pattern TOKEN_VALUE = Pattern.compile("(?i)(token=)[^&\\s\"'<>]+");

    private SocketFrames() {
    }

    /**
     * The connection's state, kept with the session; the container closes it after the idle timeout
     * ({@link SocketContainerDefaults}).
     */
    public static Connection connect(Session session, SocketSettings settings) {
        var connection = new Connection(session, settings.newRateLimit());
        session.getUserProperties().put(Connection.KEY, connection);
        return connection;
    }

    /** Refuses (and says so) a socket another site's page opened where only the server's own origin may. */
    public static boolean refusedForeignOrigin(Session session, Connection connection, SocketSettings settings) {
        if (session.getUserProperties().get(SocketHandshake.FOREIGN_ORIGIN) == null) {
            return false;
        }
        connection.refuseAsItOpens(Frames.error("origin.refused", "This site may not open the chat's socket: the operator "
                        + "lists the sites that embed it (SWITCHBOARD_WEBSOCKET_ORIGINS)."),
                CloseReason.CloseCodes.VIOLATED_POLICY, settings.afterTheHandshake());
        return true;
    }

    public static String parameter(Session session, String name) {
        var values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    /** The keep-alive frame, answered {@code pong} by both sockets. */
    public static boolean isPing(ClientFrame frame) {
        return "ping".equals(frame.type());
    }

    /** Whether the connection's rate limit lets this frame through; if not, the client is told when to retry. */
    public static boolean admit(Connection connection, ClientFrame frame) {
        long wait = connection.throttle();
        if (wait > 0) {
            connection.send(Frames.answer(Frames.rateLimited(wait), frame));
            return false;
        }
        return true;
    }

    /**
     * {@code resume}: the entries the client missed from the database, then its live events, without gap or
     * overlap. Live events arriving while the database is read are held by the connection until the replay is out.
     */
    public static void resume(Connection connection, ClientFrame frame, ReplaySource source) {
        long conversationId = frame.number("conversationId");
        long afterSeq = frame.number("afterSeq");
        connection.beginReplay(conversationId, afterSeq);
        List<ConversationEvent> missed;
        try {
            missed = source.after(conversationId, afterSeq);
        } catch (RuntimeException e) {
            connection.abortReplay(conversationId);
            throw e;
        }
        connection.endReplay(conversationId,
                missed.stream().map(e -> new Connection.Entry(e.seq(), Frames.replayed(e.frame()))).toList(),
                lastSeq -> Frames.answer(Frames.resumed(conversationId, lastSeq), frame));
    }

    /** The text with every {@code token=…} value of a URL replaced, so that no log line holds a credential. */
    static String withoutTokens(String text) {
        return TOKEN_VALUE.matcher(text).replaceAll("$1…");
    }

    /** A receipt's status: DELIVERED or READ. */
    public static DeliveryStatus receiptStatus(ClientFrame frame) {
        var status = frame.text("status");
        if (!"DELIVERED".equals(status) && !"READ".equals(status)) {
            throw RequestRejectedException.invalid("request.field", "A receipt's status is DELIVERED or READ.");
        }
        return DeliveryStatus.valueOf(status);
    }

    /** A binary frame: answered like any frame the protocol does not know, counted against the rate limit. */
    public static void binary(Session session) {
        var connection = Connection.of(session);
        if (connection != null && connection.throttle() == 0) {
            connection.send(Frames.error("frame.binary", "Frames are JSON text, not binary."));
        }
    }

    /**
     * The container's report of a failure on the socket: a frame that is not one gets its error frame (and counts
     * against the rate limit like any frame); a vanished client or an oversized frame (closed with 1009 by the
     * container) needs nothing more.
     */
    public static void failed(Session session, Throwable error, Logger log) {
        var connection = Connection.of(session);
        if (error instanceof DecodeException decoding && connection != null) {
            if (connection.throttle() > 0) {
                return;
            }
            connection.send(decoding.getCause() instanceof RequestRejectedException rejection
                    ? Frames.error(rejection) : Frames.error("frame.invalid", "A frame must be a JSON object."));
        } else if (error instanceof IOException || !session.isOpen()) {
            log.log(Level.FINE, "Socket failed", error);
        } else {
            // The container's messages may name the socket's URL, whose query holds the visitor's or agent's
            // token: the warning says what failed without it, the details (with it) are for FINE logging only.
            log.log(Level.WARNING, "Socket failed: {0}", withoutTokens(error.toString()));
            log.log(Level.FINE, "Socket failed", error);
        }
    }
}
