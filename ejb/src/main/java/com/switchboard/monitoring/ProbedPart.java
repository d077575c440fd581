package com.switchboard.monitoring;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The readiness of a part that may hang rather than fail (a broker reconnecting, a stalled database): its probe is
 * waited for at most a budget, and not started again while one is still running, so a hanging part holds one
 * thread, not one per check. The first DOWN is logged with its reason, and the next UP says that it answers again.
 * For liveness ({@link #liveUnless}) only the failures a restart of this node would cure are DOWN.
 */
public final class ProbedPart {

    private static final Logger LOG = Logger.getLogger(ProbedPart.class.getName());

    private final String name;
    private final String answerKey;
    private final Duration budget;
    private final Supplier<Future<String>> start;
    private final RepeatedFailure failures;
    /** For liveness: the failures that are DOWN (others, and no answer in time, are UP); null for readiness. */
    private final Predicate<Throwable> fatal;
    private Future<String> running;

    /**
     * @param answerKey what the probe's answer is, in the check's data ("product")
     * @param start     starts a probe on a thread of its own and returns at once
     */
    public ProbedPart(String name, String answerKey, Duration budget, Supplier<Future<String>> start) {
        this(name, answerKey, budget, start, null);
    }

    private ProbedPart(String name, String answerKey, Duration budget, Supplier<Future<String>> start,
                       Predicate<Throwable> fatal) {
        this.name = name;
        this.answerKey = answerKey;
        this.budget = budget;
        this.start = start;
        this.fatal = fatal;
        this.failures = new RepeatedFailure(LOG, (fatal == null ? "Reaching the " : "Opening the ") + name);
    }

    /** The liveness of a part: DOWN only while its probe fails in a way that {@code fatal} says only a restart cures. */
    public static ProbedPart liveUnless(String name, String answerKey, Duration budget,
                                        Supplier<Future<String>> start, Predicate<Throwable> fatal) {
        return new ProbedPart(name, answerKey, budget, start, fatal);
    }

    public HealthCheckResponse check() {
        var response = HealthCheckResponse.named(name);
        Future<String> probe = null;
        try {
            probe = runningOrNew();
            var answer = probe.get(budget.toMillis(), TimeUnit.MILLISECONDS);
            finished(probe);
            failures.succeeded();
            return response.up().withData(answerKey, answer).build();
        } catch (TimeoutException e) {
            if (fatal != null) {
                return response.up().withData(answerKey, "no answer within " + budget.toSeconds() + " s").build();
            }
            return down(response, "the " + name + " did not answer within " + budget.toSeconds() + " s");
        } catch (ExecutionException e) {
            finished(probe);
            if (fatal != null && !fatal.test(e.getCause())) {
                failures.succeeded();
                return response.up().withData(answerKey, "failing: " + firstLine(e.getCause())).build();
            }
            return down(response, "the " + name + " failed: " + firstLine(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        } catch (RuntimeException e) {
            finished(probe);
            if (fatal != null && !fatal.test(e)) {
                return response.up().withData(answerKey, "failing: " + firstLine(e)).build();
            }
            return down(response, "the " + name + " failed: " + firstLine(e));
        }
    }

    /** Logged without a stack trace: the reason says it all, and the failing requests log their own. */
    private HealthCheckResponse down(HealthCheckResponseBuilder response, String reason) {
        failures.failed(null, () -> (fatal == null ? "Readiness" : "Liveness") + " is DOWN: " + reason);
        return response.down().withData("error", reason).build();
    }

    private static String firstLine(Throwable failure) {
        var cause = failure;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        var message = String.valueOf(cause.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    private synchronized Future<String> runningOrNew() {
        if (running == null) {
            running = start.get();
        }
        return running;
    }

    private synchronized void finished(Future<String> probe) {
        if (probe != null && running == probe) {
            running = null;
        }
    }
}
