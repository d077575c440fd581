package com.switchboard.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.switchboard.persistence.control.DatabaseUnavailable;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Readiness is DOWN on any failure; liveness only on one that a restart of the node would cure. */
class ProbedPartTest {

    private static final Duration BUDGET = Duration.ofMillis(100);

    @BeforeAll
    static void responsesWithoutARuntime() {
        HealthCheckResponse.setResponseProvider(Builder::new);
    }

    /** The runtime's builder, which a unit test does not have: name, status and data, nothing more. */
    private static final class Builder extends HealthCheckResponseBuilder {
        private String name;
        private boolean up;
        private final Map<String, Object> data = new HashMap<>();

        @Override
        public HealthCheckResponseBuilder name(String name) {
            this.name = name;
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, String value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, long value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, boolean value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder up() {
            return status(true);
        }

        @Override
        public HealthCheckResponseBuilder down() {
            return status(false);
        }

        @Override
        public HealthCheckResponseBuilder status(boolean up) {
            this.up = up;
            return this;
        }

        @Override
        public HealthCheckResponse build() {
            return new HealthCheckResponse(name, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                    Optional.of(Map.copyOf(data)));
        }
    }

    @Test
    void readinessIsDownWhateverTheFailure() {
        assertEquals(HealthCheckResponse.Status.DOWN, readiness(failing(new SQLTransientConnectionException(
                "Communications link failure", "08S01"))).getStatus());
        assertEquals(HealthCheckResponse.Status.DOWN, readiness(new CompletableFuture<>()).getStatus());
        assertEquals(HealthCheckResponse.Status.UP, readiness(CompletableFuture.completedFuture("H2")).getStatus());
    }

    @Test
    void livenessIsDownOnlyWhileTheEmbeddedDatabaseIsClosedForGood() {
        assertEquals(HealthCheckResponse.Status.DOWN, liveness(failing(new IllegalStateException(
                new SQLException("Database is already closed", "90098")))).getStatus());
        assertEquals(HealthCheckResponse.Status.UP, liveness(failing(new SQLTransientConnectionException(
                "Communications link failure", "08S01"))).getStatus(), "a server away is not cured by a restart");
        assertEquals(HealthCheckResponse.Status.UP, liveness(new CompletableFuture<>()).getStatus(),
                "a stall is readiness's business");
        assertEquals(HealthCheckResponse.Status.UP, liveness(CompletableFuture.completedFuture("H2")).getStatus());
    }

    private static HealthCheckResponse readiness(Future<String> probe) {
        return new ProbedPart("database", "product", BUDGET, () -> probe).check();
    }

    private static HealthCheckResponse liveness(Future<String> probe) {
        return ProbedPart.liveUnless("database", "product", BUDGET, () -> probe, DatabaseUnavailable::closedForGood)
                .check();
    }

    private static Future<String> failing(Exception failure) {
        return CompletableFuture.failedFuture(failure);
    }
}
