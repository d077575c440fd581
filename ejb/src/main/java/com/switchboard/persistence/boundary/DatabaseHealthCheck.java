package com.switchboard.persistence.boundary;

import com.switchboard.monitoring.ProbedPart;
import com.switchboard.persistence.control.DatabaseProbe;
import com.switchboard.persistence.control.DatabaseRoom;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the database answers now, within {@link #ANSWER_WITHIN}: a stalled one is DOWN, not a hanging check. One
 * that answers but lately refused writes for lack of room ({@link DatabaseRoom}) is DOWN too.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

    @EJB
    DatabaseProbe probe;

    private ProbedPart database;

    @PostConstruct
    void init() {
        database = new ProbedPart("database", "product", ANSWER_WITHIN, DatabaseProbe.startedBy(probe));
    }

    @Override
    public HealthCheckResponse call() {
        var probed = database.check();
        var lacking = DatabaseRoom.NODE.lacking();
        if (probed.getStatus() == HealthCheckResponse.Status.DOWN || lacking.isEmpty()) {
            return probed;
        }
        return HealthCheckResponse.named(probed.getName()).down()
                .withData("error", "the database refused writes for lack of room: " + lacking.get()).build();
    }
}
