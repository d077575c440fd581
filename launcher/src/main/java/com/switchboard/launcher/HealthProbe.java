package com.switchboard.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until the application reports itself ready. Payara Micro serves 404s (and an empty, "UP" health
 * report) even when the application failed to deploy, so readiness means: the application's own database and
 * broker checks are present and up.
 */
final class HealthProbe {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI readiness;

    HealthProbe(int httpPort) {
        this.readiness = URI.create("http://127.0.0.1:" + httpPort + "/health/ready");
    }

    /** The last report seen when the deadline passes without the application becoming ready. */
    String awaitReady(Duration timeout) throws InterruptedException {
        var deadline = Instant.now().plus(timeout);
        var last = "no answer from " + readiness;
        while (Instant.now().isBefore(deadline)) {
            try {
                var response = client.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (isReady(response.statusCode(), response.body())) {
                    return null;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        return last;
    }

    static boolean isReady(int status, String body) {
        var compact = body.replaceAll("\\s", "");
        return status == 200 && compact.contains("\"name\":\"database\"") && compact.contains("\"name\":\"broker\"");
    }
}
