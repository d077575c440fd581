package com.switchboard.conversation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * The answer a conversation owes its visitor: since when their earliest unanswered message waits, by when it should
 * be answered (the inbox's reply time limit; null when unlimited), whether the consoles were told that passed, and
 * the processing order the lists sort by. Nothing is owed ({@link #settle}) once an agent answers or it ends.
 */
@Embeddable
public class AwaitedReply {

    /** Processing order: awaiting a reply by a deadline, awaiting one without a limit, nothing awaited. */
    public static final int DUE = 0;
    public static final int AWAITING = 1;
    public static final int SETTLED = 2;

    @Column(name = "unanswered_since")
    private Instant since;

    @Column(name = "reply_deadline")
    private Instant deadline;

    /** Once per deadline. */
    @Column(name = "overdue_announced")
    private boolean overdueAnnounced;

    /**
     * A plain column, so the list sorts by columns alone, whatever the database does with NULLs: {@link #DUE},
     * {@link #AWAITING}, then {@link #SETTLED}.
     */
    @Column(name = "processing_rank")
    private int rank = SETTLED;

    /** A visitor message arrived: it awaits its answer, unless an earlier one still does. */
    void visitorWrote(Instant at, Instant deadlineOrNull) {
        if (since == null) {
            since = at;
            deadline = deadlineOrNull;
            overdueAnnounced = false;
            rank = deadlineOrNull == null ? AWAITING : DUE;
        }
    }

    /** Nothing waits for a reply: answered, or ended (a visitor writing again starts a new deadline). */
    void settle() {
        since = null;
        deadline = null;
        overdueAnnounced = false;
        rank = SETTLED;
    }

    /** @return whether the caller announces the passed deadline now (then it counts as told until the next one) */
    boolean announceOverdue(Instant now) {
        if (overdueAnnounced || deadline == null || deadline.isAfter(now)) {
            return false;
        }
        overdueAnnounced = true;
        return true;
    }

    /** Whether an answer is late: the reply deadline has passed. */
    public boolean isOverdue(Instant now) {
        return deadline != null && !deadline.isAfter(now);
    }

    /** When the earliest visitor message that no agent has answered yet arrived; null when nothing awaits a reply. */
    public Instant since() {
        return since;
    }

    /** By when that message should be answered (the inbox's reply time limit); null when answered or unlimited. */
    public Instant deadline() {
        return deadline;
    }

    /** The processing order: {@link #DUE}, {@link #AWAITING} or {@link #SETTLED}. */
    public int rank() {
        return rank;
    }

    public boolean isAnswered() {
        return since == null;
    }
}
