package com.switchboard.messaging.events;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Set;

/**
 * The {@code author}'s messages from {@code fromSeq} to {@code toSeq} that were below {@code status} now have it
 * (a message in the range that already had a higher one, or came from the other side, is unchanged). The
 * sender's UI raises each of its messages in the range to at least this status; {@code reason} is set for FAILED.
 */
public record MessageStatusEvent(long conversationId, long inboxId, String author, long fromSeq, long toSeq,
                                 String status, String reason, Instant at, Audience audience)
        implements InternalEvent {

    public MessageStatusEvent(long conversationId, long inboxId, String author, long fromSeq, long toSeq,
                              String status, String reason, Instant at) {
        this(conversationId, inboxId, author, fromSeq, toSeq, status, reason, at, null);
    }

    public MessageStatusEvent to(Audience receivers) {
        return new MessageStatusEvent(conversationId, inboxId, author, fromSeq, toSeq, status, reason, at, receivers);
    }

    public static final String MESSAGE_STATUS = "message.status";

    /** The statuses a message moves through: the names of {@code DeliveryStatus}. */
    static final Set<String> STATUSES = Set.of("QUEUED", "FAILED", "DELIVERED", "READ");
    /** Whose messages have a status: the authors {@code Recipient#receives} names. */
    static final Set<String> SENDERS = Set.of("VISITOR", "AGENT");

    @Override
    public String type() {
        return MESSAGE_STATUS;
    }

    /** Whether it is about the visitor's messages (their status as the agents received and read them). */
    public boolean aboutVisitorMessages() {
        return "VISITOR".equals(author);
    }

    /** The event as the topic carries it (with its audience). */
    @Override
    public JsonObject toJson() {
        var json = frame();
        if (audience != null) {
            audience.addTo(json);
        }
        return json.build();
    }

    /** The event as a socket client sees it. */
    public JsonObjectBuilder frame() {
        var json = JSON.createObjectBuilder()
                .add("type", MESSAGE_STATUS)
                .add("conversationId", conversationId)
                .add("inboxId", inboxId)
                .add("author", author)
                .add("fromSeq", fromSeq)
                .add("toSeq", toSeq)
                .add("status", status)
                .add("at", at.toString());
        if (reason != null) {
            json.add("reason", reason);
        }
        return json;
    }

    static MessageStatusEvent fromJson(JsonObject o) {
        try {
            if (!MESSAGE_STATUS.equals(o.getString("type"))) {
                throw new IllegalArgumentException("type " + o.getString("type"));
            }
            if (!STATUSES.contains(o.getString("status")) || !SENDERS.contains(o.getString("author"))) {
                throw new IllegalArgumentException("status " + o.getString("status") + " of " + o.getString("author"));
            }
            return new MessageStatusEvent(o.getJsonNumber("conversationId").longValueExact(),
                    o.getJsonNumber("inboxId").longValueExact(), o.getString("author"),
                    o.getJsonNumber("fromSeq").longValueExact(), o.getJsonNumber("toSeq").longValueExact(),
                    o.getString("status"), o.getString("reason", null),
                    Instant.parse(o.getString("at")), Audience.fromJson(o));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a message status event: " + e.getMessage(), e);
        }
    }
}
