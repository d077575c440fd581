package com.switchboard.realtime;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.platform.boundary.RequestRejectedException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;

/** The JSON frames both WebSocket endpoints share. */
public final class Frames {

    /** Frames above this size are refused before they are parsed. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    private Frames() {
    }

    /** The answer to a client's {@code ping}: lets clients and proxies see that the connection is alive. */
    public static JsonObject pong() {
        return JSON.createObjectBuilder().add("type", "pong").build();
    }

    public static RequestRejectedException unknownType(JsonObject frame) {
        return RequestRejectedException.invalid("frame.unknown-type",
                "Unknown frame type '" + frame.getString("type") + "'.");
    }

    public static JsonObject error(String code, String message) {
        return JSON.createObjectBuilder().add("type", "error").add("code", code).add("message", message).build();
    }

    public static JsonObject error(RequestRejectedException rejection) {
        return error(rejection.code(), rejection.getMessage());
    }

    /** Parses a client frame: a JSON object with a string {@code type}. */
    public static JsonObject parse(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            var frame = reader.readObject();
            if (!frame.containsKey("type") || frame.get("type").getValueType() != JsonValue.ValueType.STRING) {
                throw RequestRejectedException.invalid("frame.invalid", "A frame needs a string field 'type'.");
            }
            return frame;
        } catch (JsonParsingException | IllegalStateException | ClassCastException e) {
            throw RequestRejectedException.invalid("frame.invalid", "A frame must be a JSON object.");
        }
    }
}
