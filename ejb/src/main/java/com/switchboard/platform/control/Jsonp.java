package com.switchboard.platform.control;

import jakarta.json.spi.JsonProvider;

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
}
