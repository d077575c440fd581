package com.switchboard.conversation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * What has been written in a conversation so far, as its row keeps it for the lists and the visitor's catch-up:
 * the newest entry's sequence number, the newest public message (what the list previews), the last activity and
 * the first answer. Only {@link Conversation#append} moves it, under the conversation's row lock.
 */
@Embeddable
public class Activity {

    /** Sequence number of the newest entry; the next one gets {@code lastSeq + 1}. */
    @Column(name = "last_seq")
    private long lastSeq;

    /** The newest public message: its seq and time; null before the first one. */
    @Column(name = "last_message_seq")
    private Long lastMessageSeq;

    @Column(name = "last_message_at")
    private Instant lastMessageAt;

    @Column(name = "last_activity_at")
    private Instant lastActivityAt;

    /** An agent's first public message. */
    @Column(name = "first_response_at")
    private Instant firstResponseAt;

    protected Activity() {
    }

    Activity(Instant startedAt) {
        this.lastActivityAt = startedAt;
    }

    /** An entry written at {@code now}: its sequence number. */
    long next(AuthorType authorType, Instant now) {
        lastSeq++;
        lastActivityAt = now;
        if (authorType == AuthorType.AGENT && firstResponseAt == null) {
            firstResponseAt = now;
        }
        if (authorType.isPublic()) {
            lastMessageSeq = lastSeq;
            lastMessageAt = now;
        }
        return lastSeq;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public Long lastMessageSeq() {
        return lastMessageSeq;
    }

    public Instant lastMessageAt() {
        return lastMessageAt;
    }

    public Instant lastActivityAt() {
        return lastActivityAt;
    }

    public Instant firstResponseAt() {
        return firstResponseAt;
    }
}
