package com.switchboard.realtime;

import com.switchboard.input.RateLimit;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The sockets' limits (docs/PROTOCOL.md, "Limits") and timing. */
@ApplicationScoped
public class SocketSettings {

    /**
     * Far longer than the container takes to finish a handshake's request once the socket has opened, and than a
     * client takes to answer a ping.
     */
    private static final Duration HANDSHAKE_FINISHED = Duration.ofSeconds(1);

    @Inject
    @ConfigProperty(name = "switchboard.websocket.rate", defaultValue = "10")
    double framesPerSecond;

    @Inject
    @ConfigProperty(name = "switchboard.websocket.burst", defaultValue = "20")
    int burst;

    @Inject
    @ConfigProperty(name = "switchboard.websocket.idle-timeout", defaultValue = "PT90S")
    Duration idleTimeout;

    @Resource
    ManagedScheduledExecutorService scheduler;

    public RateLimit newRateLimit() {
        return new RateLimit(framesPerSecond, burst, System.nanoTime());
    }

    public long idleTimeoutMillis() {
        return idleTimeout.toMillis();
    }

    /** Runs a task once the handshake's request has finished, or a ping was answered: {@link Connection#refuseAsItOpens}. */
    public Executor afterTheHandshake() {
        return task -> scheduler.schedule(task, HANDSHAKE_FINISHED.toMillis(), TimeUnit.MILLISECONDS);
    }
}
