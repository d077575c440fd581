package com.switchboard.routing.entity;

import com.switchboard.input.RequestRejectedException;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;

/**
 * The life of a question put to one agent until a deadline (an offer, an invitation): pending, then decided once
 * for good. A decided answer never changes again, so every handler (timer, sweeper, the agent) is idempotent.
 * {@code subject} names the question in error codes ({@code offer.expired}, {@code invitation.decided}).
 */
@Embeddable
public class Answer {

    @Enumerated(EnumType.STRING)
    private OfferStatus status;

    @Column(name = "created_at")
    private Instant createdAt;

    private Instant deadline;

    @Column(name = "decided_at")
    private Instant decidedAt;

    protected Answer() {
    }

    Answer(Instant createdAt, Instant deadline) {
        this.status = OfferStatus.PENDING;
        this.createdAt = createdAt;
        this.deadline = deadline;
    }

    /** Yes in time; after the deadline the question is gone even if no timer has fired yet. */
    void accept(Instant now, String subject) {
        requirePending(subject);
        if (isDue(now)) {
            throw RequestRejectedException.conflict(subject + ".expired", "This " + subject + " has expired.");
        }
        decide(OfferStatus.ACCEPTED, now);
    }

    void reject(Instant now, String subject) {
        requirePending(subject);
        decide(OfferStatus.REJECTED, now);
    }

    void decide(OfferStatus outcome, Instant now) {
        status = outcome;
        decidedAt = now;
    }

    boolean isPending() {
        return status == OfferStatus.PENDING;
    }

    boolean isDue(Instant now) {
        return !deadline.isAfter(now);
    }

    private void requirePending(String subject) {
        if (!isPending()) {
            throw RequestRejectedException.conflict(subject + ".decided",
                    "This " + subject + " was " + status.name().toLowerCase() + " already.");
        }
    }

    OfferStatus status() {
        return status;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant deadline() {
        return deadline;
    }
}
