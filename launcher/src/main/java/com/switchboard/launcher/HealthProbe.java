package com.switchboard.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waits until the application reports itself ready. Payara Micro serves 404s and an empty "UP" health report
 * even when the application failed to start, so readiness means: the application's own database and broker
 * checks are present and up.
 */
final class HealthProbe {

    static final String NOT_DEPLOYED = "the application did not deploy; the log above says why.";
    /** How long an empty report may last after boot before it means that the application is not there. */
    static final Duration ABSENCE_GRACE = Duration.ofSeconds(15);
    /** Often enough that the wait adds little to the start: a question to the node's own health endpoint is cheap. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /**
     * How long one answer may take. The node bounds its own checks; on a starved machine the answer can still take
     * seconds, and a question given up closes the connection under the answer, which the server logs as a failure.
     */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI readiness;

    HealthProbe(int httpPort) {
        this.readiness = URI.create("http://127.0.0.1:" + httpPort + "/health/ready");
    }

    /** Empty when the application became ready; otherwise why not. */
    Optional<String> awaitReady(Duration timeout) throws InterruptedException {
        var deadline = Instant.now().plus(timeout);
        Instant absentSince = null;
        var last = "no answer from " + readiness;
        while (Instant.now().isBefore(deadline)) {
            try {
                var response = client.send(HttpRequest.newBuilder(readiness).timeout(ANSWER_WITHIN).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (isReady(response.statusCode(), response.body())) {
                    return Optional.empty();
                }
                if (isApplicationAbsent(response.statusCode(), response.body())) {
                    absentSince = absentSince == null ? Instant.now() : absentSince;
                    if (Duration.between(absentSince, Instant.now()).compareTo(ABSENCE_GRACE) > 0) {
                        return Optional.of(NOT_DEPLOYED);
                    }
                } else {
                    absentSince = null;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return Optional.of("the application did not become ready within " + timeout.toMinutes() + " minutes: " + last);
    }

    static boolean isReady(int status, String body) {
        var compact = body.replaceAll("\\s", "");
        return status == 200 && compact.contains("\"name\":\"database\"") && compact.contains("\"name\":\"broker\"");
    }

    /** Payara's own answer when no application registered a check: ours always registers two. */
    static boolean isApplicationAbsent(int status, String body) {
        return status == 200 && body.replaceAll("\\s", "").contains("\"checks\":[]");
    }
}
