package com.switchboard.api;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.input.Jsonp;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Request bodies of the API as JSON objects, read by the rules of every way in: at most {@value #MAX_BYTES} bytes
 * (413 {@code request.too-large}), strict UTF-8 (400 {@code request.encoding}), a JSON object
 * (400 {@code request.not-json}), every string checked by {@link UnicodeText}. Taken instead of the runtime's own
 * JSON-P reader, which answers a malformed body with a 500 page naming the parser's exception.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
public class JsonBodyReader implements MessageBodyReader<JsonObject> {

    /** Far above any body of the API (a canned response of 2,000 characters is under 10 KB). */
    public static final int MAX_BYTES = 64 * 1024;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations,
                               MediaType mediaType, MultivaluedMap<String, String> headers, InputStream body)
            throws IOException {
        var bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new WebApplicationException(Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(JSON.createObjectBuilder().add("code", "request.too-large")
                            .add("message", "A request body may have at most " + MAX_BYTES / 1024 + " KB.")
                            .build().toString())
                    .build());
        }
        var text = utf8(bytes);
        if (text.isBlank()) {
            throw RequestRejectedException.invalid("request.not-json", "The request needs a JSON object as its body.");
        }
        JsonValue json;
        try {
            json = Jsonp.readValue(text);
        } catch (IllegalArgumentException e) {
            throw RequestRejectedException.invalid("request.not-json", "The body is not one JSON object.");
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw RequestRejectedException.invalid("request.not-json", "The body must be a JSON object.");
        }
        return UnicodeText.json(json.asJsonObject());
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw RequestRejectedException.invalid("request.encoding", "The body is not valid UTF-8.");
        }
    }
}
