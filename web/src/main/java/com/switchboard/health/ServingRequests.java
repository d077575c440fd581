package com.switchboard.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the web application has started, so that readiness means the application answers: the
 * runtime serves /health before the application is deployed, and with no check of the application's yet it used
 * to answer UP while the application's own paths still answered 404 (the launcher also makes a readiness without
 * any check DOWN).
 */
@Readiness
@ApplicationScoped
public class ServingRequests implements HealthCheck {

    private volatile boolean started;

    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        started = true;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("application").status(started).build();
    }
}
