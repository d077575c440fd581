package com.switchboard.agent.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The failed sign-ins of one subject (an account or an address) in the current window, and the lock they earned.
 * After {@code allowed} failures within {@link #WINDOW} the subject is locked, first for {@link #FIRST_LOCK},
 * each further failure doubling it up to {@link #LONGEST_LOCK}: guessing gets slower the longer it goes on, and a
 * person who mistyped a few times waits seconds, not hours. A sign-in that succeeds clears the account's count.
 */
@Entity
@Table(name = "sign_in_failures")
public class SignInFailures {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    public static final Duration LONGEST_LOCK = Duration.ofMinutes(15);

    @Id
    private String subject;

    private int failures;

    @Column(name = "window_started_at")
    private Instant windowStartedAt;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    protected SignInFailures() {
    }

    public SignInFailures(String subject, Instant now) {
        this.subject = subject;
        this.windowStartedAt = now;
    }

    /** How long the subject stays locked, if it is. */
    public Optional<Duration> lockedFor(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now)
                ? Optional.of(Duration.between(now, lockedUntil)) : Optional.empty();
    }

    /** Counts a failure; returns how long the subject is locked now, if it is. */
    public Optional<Duration> failed(Instant now, int allowed) {
        if (lockedFor(now).isEmpty() && !windowStartedAt.plus(WINDOW).isAfter(now)) {
            failures = 0;
            windowStartedAt = now;
        }
        failures++;
        if (failures >= allowed) {
            int doublings = Math.min(failures - allowed, 30);
            var lock = FIRST_LOCK.multipliedBy(1L << doublings);
            lockedUntil = now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
        }
        return lockedFor(now);
    }

    public int failures() {
        return failures;
    }
}
