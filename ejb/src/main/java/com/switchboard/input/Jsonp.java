package com.switchboard.input;

import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json}'s static factories look the provider up on every
 * call, a {@code ServiceLoader} scan of every jar of the application: that lookup was a quarter of the CPU of
 * the inbound JMS path (docs/PERFORMANCE.md). Use {@code JSON.createObjectBuilder()} and its siblings instead.
 */
public final class Jsonp {

    /** Thread-safe: providers are stateless factories. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsonp() {
    }

    /**
     * Exactly one JSON value from someone else's text; anything else (not JSON, trailing content, nesting beyond
     * the parser's limit, which Parsson reports with a plain RuntimeException) is an IllegalArgumentException.
     */
    public static JsonValue readValue(String text) {
        try (var parser = JSON.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new IllegalArgumentException("no JSON value");
            }
            parser.next();
            var value = parser.getValue();
            if (parser.hasNext()) {
                throw new IllegalArgumentException("more than one JSON value");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}
