package com.switchboard.conversation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * When the inbox's inactivity policy acts unless the visitor writes, and when the timer armed for it fires: set by
 * an agent's public message, cleared by the visitor's; both null when nothing is due (above all while the visitor
 * waits for an agent). A conversation has at most one timer.
 */
@Embeddable
public class InactivityDeadline {

    @Column(name = "inactivity_deadline")
    private Instant deadline;

    @Column(name = "inactivity_timer_at")
    private Instant timerAt;

    /**
     * An agent wrote publicly: the policy acts at {@code newDeadline} unless the visitor answers (a visitor who
     * waits for an agent has none). Each further agent message moves the deadline. A new timer is needed only if
     * none is armed, the armed one is stale (its node went away) or fires after the new deadline; otherwise the
     * armed timer finds the later deadline and re-arms.
     *
     * @return whether the caller must arm a timer for {@code newDeadline}
     */
    public boolean moveTo(Instant newDeadline, Instant now) {
        deadline = newDeadline;
        if (timerAt == null || timerAt.isBefore(now) || timerAt.isAfter(newDeadline)) {
            timerAt = newDeadline;
            return true;
        }
        return false;
    }

    /** The visitor answered, or it ended: nothing is due; an armed timer stays noted, fires and finds nothing. */
    void clear() {
        deadline = null;
    }

    /** The armed timer fired before the deadline (it moved): the caller re-arms for the deadline. */
    public Instant rearm() {
        timerAt = deadline;
        return deadline;
    }

    /** The policy acted (or no longer applies): nothing is due until an agent writes again. */
    public void handled() {
        deadline = null;
        timerAt = null;
    }

    public Instant deadline() {
        return deadline;
    }
}
