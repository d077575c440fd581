package com.switchboard.platform.boundary;

import com.switchboard.platform.control.BrokerProbe;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the broker answers now ({@link BrokerProbe}). While the broker is away the probe waits for the
 * reconnection, so the check waits for it at most {@link #ANSWER_WITHIN}, and a probe still waiting is not
 * started again.
 */
@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

    @EJB
    BrokerProbe probe;

    private final AtomicReference<Future<String>> running = new AtomicReference<>();

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("broker");
        Future<String> check;
        try {
            check = running.updateAndGet(previous -> previous == null ? roundTrip() : previous);
            var provider = check.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            running.compareAndSet(check, null);
            return response.up().withData("provider", provider).build();
        } catch (TimeoutException e) {
            return response.down().withData("error", "the broker did not answer within " + ANSWER_WITHIN.toSeconds()
                    + " s").build();
        } catch (ExecutionException e) {
            running.set(null);
            return response.down().withData("error", String.valueOf(e.getCause().getMessage())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        } catch (RuntimeException e) {
            running.set(null);
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    private Future<String> roundTrip() {
        try {
            return probe.roundTrip();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
