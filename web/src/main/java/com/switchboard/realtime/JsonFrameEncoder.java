package com.switchboard.realtime;

import com.switchboard.input.UnicodeText;
import jakarta.json.JsonObject;
import jakarta.websocket.Encoder;

/**
 * Server frames (JSON objects) as text frames. Texts stored before the input was checked may hold unpaired
 * surrogates, which the container cannot encode: they go out as U+FFFD.
 */
public class JsonFrameEncoder implements Encoder.Text<JsonObject> {

    @Override
    public String encode(JsonObject frame) {
        return UnicodeText.wellFormed(frame.toString());
    }
}
