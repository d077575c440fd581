package com.switchboard.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the application answers requests, so that readiness means it: the runtime serves /health before
 * the application is deployed, and even once its context has started the runtime answered the application's own
 * paths with 404 for a moment (seen by EmbeddedDefaultsIT). Until it has seen itself answer, the check asks its
 * API over its own HTTP port ({@code switchboard.http.port}, which the launcher sets); without that
 * setting (a server the application was deployed to) a started context counts.
 */
@Readiness
@ApplicationScoped
public class ServingRequests implements HealthCheck {

    private static final Duration ASK_WITHIN = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(ASK_WITHIN).build();

    @Inject
    @ConfigProperty(name = "switchboard.http.port")
    Optional<Integer> httpPort;

    private volatile String contextPath;
    private volatile boolean serving;

    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        contextPath = context.getContextPath();
    }

    @Override
    public HealthCheckResponse call() {
        if (!serving && contextPath != null) {
            serving = httpPort.isEmpty() || answersItself(httpPort.get());
        }
        return HealthCheckResponse.named("application").status(serving).build();
    }

    private boolean answersItself(int port) {
        // The API's answer for an inbox that need not exist: JSON from the application, through its resources,
        // beans and database, where the runtime's own 404 before the application serves is a page.
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + contextPath
                        + "/api/visitor/inboxes/-")).timeout(ASK_WITHIN).build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() < 500 && response.headers().firstValue("Content-Type")
                    .filter(type -> type.startsWith("application/json")).isPresent();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
