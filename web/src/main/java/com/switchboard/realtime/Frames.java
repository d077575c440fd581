package com.switchboard.realtime;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.conversation.control.PostedMessage;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.persistence.control.DatabaseRoom;
import com.switchboard.persistence.control.DatabaseUnavailable;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The JSON frames both WebSocket endpoints share (docs/PROTOCOL.md). */
public final class Frames {

    /** Frames above this size close the socket (1009) before they are parsed. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    private Frames() {
    }

    /** The answer to a client's {@code ping}: lets clients and proxies see that the connection is alive. */
    public static JsonObject pong() {
        return JSON.createObjectBuilder().add("type", "pong").build();
    }

    public static RequestRejectedException unknownType(ClientFrame frame) {
        return RequestRejectedException.invalid("frame.unknown-type", "Unknown frame type '" + frame.type() + "'.");
    }

    public static JsonObject error(String code, String message) {
        return JSON.createObjectBuilder().add("type", "error").add("code", code).add("message", message).build();
    }

    public static JsonObject error(RequestRejectedException rejection) {
        var error = error(rejection.code(), rejection.getMessage());
        return rejection.retryAfter() == null ? error
                : JSON.createObjectBuilder(error).add("retryAfterMs", rejection.retryAfter().toMillis()).build();
    }

    /**
     * A frame (or a socket's opening) that failed on our side: {@code server.unavailable} with {@code retryAfterMs}
     * while the database is out of reach, too slow or out of room, or while the node stops ({@link NodeStop}),
     * {@code internal} otherwise. Either way nothing was acknowledged, and the client may send it again.
     */
    public static JsonObject failure(RuntimeException failure, String message) {
        DatabaseRoom.NODE.failed(failure);
        if (!NodeStop.underWay() && !DatabaseUnavailable.causes(failure)) {
            return error("internal", message);
        }
        return JSON.createObjectBuilder(error(DatabaseUnavailable.CODE, DatabaseUnavailable.MESSAGE))
                .add("retryAfterMs", DatabaseUnavailable.RETRY_AFTER.toMillis()).build();
    }

    public static JsonObject rateLimited(long retryAfterMillis) {
        return JSON.createObjectBuilder(error("rate.limited", "Too many frames: slow down."))
                .add("retryAfterMs", retryAfterMillis).build();
    }

    /** The answer to a frame, carrying the frame's {@code ref} when it had one. */
    public static JsonObject answer(JsonObject answer, ClientFrame to) {
        return to == null || to.ref() == null ? answer
                : JSON.createObjectBuilder(answer).add("ref", to.ref()).build();
    }

    public static JsonObject accepted(PostedMessage posted, String clientId) {
        var json = JSON.createObjectBuilder()
                .add("type", "message.accepted")
                .add("conversationId", posted.conversationId())
                .add("seq", posted.seq())
                .add("at", posted.at().toString())
                .add("duplicate", posted.duplicate());
        if (clientId != null) {
            json.add("clientId", clientId);
        }
        return json.build();
    }

    public static JsonObject resumed(long conversationId, long lastSeq) {
        return JSON.createObjectBuilder().add("type", "resumed").add("conversationId", conversationId)
                .add("lastSeq", lastSeq).build();
    }

    /** A replayed entry: the frame of its live event, marked as a replay. */
    public static String replayed(JsonObjectBuilder event) {
        return event.add("replay", true).build().toString();
    }
}
