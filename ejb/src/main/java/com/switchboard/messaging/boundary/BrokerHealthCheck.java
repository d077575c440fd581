package com.switchboard.messaging.boundary;

import com.switchboard.messaging.control.BrokerProbe;
import com.switchboard.monitoring.ProbedPart;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.JMSException;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the broker answers now ({@link BrokerProbe}), within {@link #ANSWER_WITHIN}: while the broker is away the
 * probe waits for the reconnection.
 */
@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

    @EJB
    BrokerProbe probe;

    private ProbedPart broker;

    @PostConstruct
    void init() {
        broker = new ProbedPart("broker", "provider", ANSWER_WITHIN, () -> {
            try {
                return probe.roundTrip();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public HealthCheckResponse call() {
        return broker.check();
    }
}
