package com.switchboard.realtime;

import jakarta.json.JsonObject;
import jakarta.websocket.Encoder;

/** Server frames (JSON objects) as text frames. */
public class JsonFrameEncoder implements Encoder.Text<JsonObject> {

    @Override
    public String encode(JsonObject frame) {
        return frame.toString();
    }
}
