package com.switchboard.realtime;

import com.switchboard.input.Jsonp;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;
import jakarta.json.JsonObject;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/**
 * Text frames into {@link ClientFrame}s, every string in them checked by {@link UnicodeText} (unpaired surrogates
 * repaired, control characters refused). Anything that is not one fails with a {@link DecodeException} whose cause
 * is the {@link RequestRejectedException} to answer with, so the endpoint's error handler can send its code.
 */
public class ClientFrameDecoder implements Decoder.Text<ClientFrame> {

    @Override
    public ClientFrame decode(String text) throws DecodeException {
        JsonObject json;
        try {
            json = Jsonp.readValue(text).asJsonObject();
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new DecodeException(text, "not a JSON object",
                    RequestRejectedException.invalid("frame.invalid", "A frame must be a JSON object."));
        }
        try {
            return ClientFrame.of(UnicodeText.json(json));
        } catch (RequestRejectedException e) {
            throw new DecodeException(text, e.getMessage(), e);
        }
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }
}
