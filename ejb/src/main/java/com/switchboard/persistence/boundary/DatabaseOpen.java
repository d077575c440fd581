package com.switchboard.persistence.boundary;

import com.switchboard.monitoring.ProbedPart;
import com.switchboard.persistence.control.DatabaseProbe;
import com.switchboard.persistence.control.DatabaseUnavailable;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless the embedded database closed itself for the rest of the process (H2 after a write it could not
 * make, on a full disk): only a restart opens it again, and a failing liveness is how a service manager is asked
 * for one. A database that stalls or a server that is away is readiness's business: restarting this node would
 * not bring it back.
 */
@Liveness
@ApplicationScoped
public class DatabaseOpen implements HealthCheck {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

    @EJB
    DatabaseProbe probe;

    private ProbedPart database;

    @PostConstruct
    void init() {
        database = ProbedPart.liveUnless("database", "product", ANSWER_WITHIN, DatabaseProbe.startedBy(probe),
                DatabaseUnavailable::closedForGood);
    }

    @Override
    public HealthCheckResponse call() {
        return database.check();
    }
}
