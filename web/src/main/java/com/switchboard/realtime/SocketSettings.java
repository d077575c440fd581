package com.switchboard.realtime;

import com.switchboard.platform.control.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The sockets' limits (docs/PROTOCOL.md, "Limits"). */
@ApplicationScoped
public class SocketSettings {

    @Inject
    @ConfigProperty(name = "switchboard.websocket.rate", defaultValue = "10")
    double framesPerSecond;

    @Inject
    @ConfigProperty(name = "switchboard.websocket.burst", defaultValue = "20")
    int burst;

    @Inject
    @ConfigProperty(name = "switchboard.websocket.idle-timeout", defaultValue = "PT90S")
    Duration idleTimeout;

    public RateLimit newRateLimit() {
        return new RateLimit(framesPerSecond, burst, System.nanoTime());
    }

    public long idleTimeoutMillis() {
        return idleTimeout.toMillis();
    }
}
