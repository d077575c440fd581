package com.switchboard.realtime;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.platform.boundary.RequestRejectedException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import java.io.StringReader;

/**
 * Text frames into {@link ClientFrame}s. Anything that is not one fails with a {@link DecodeException} whose cause
 * is the {@link RequestRejectedException} to answer with, so the endpoint's error handler can send its code.
 */
public class ClientFrameDecoder implements Decoder.Text<ClientFrame> {

    @Override
    public ClientFrame decode(String text) throws DecodeException {
        JsonObject json;
        try (var reader = JSON.createReader(new StringReader(text))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new DecodeException(text, "not a JSON object",
                    RequestRejectedException.invalid("frame.invalid", "A frame must be a JSON object."));
        }
        try {
            return ClientFrame.of(json);
        } catch (RequestRejectedException e) {
            throw new DecodeException(text, e.getMessage(), e);
        }
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }
}
