package com.switchboard.conversation.control;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.DeliveryStatus;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.time.Instant;

/**
 * The {@code author}'s messages from {@code fromSeq} to {@code toSeq} that were below {@code status} now have it
 * (a message in the range that already had a higher one, or came from the other side, is unchanged). The
 * sender's UI raises each of its messages in the range to at least this status; {@code reason} is set for FAILED.
 */
public record MessageStatusEvent(long conversationId, long inboxId, AuthorType author, long fromSeq, long toSeq,
                                 DeliveryStatus status, String reason, Instant at, Audience audience) {

    public MessageStatusEvent(long conversationId, long inboxId, AuthorType author, long fromSeq, long toSeq,
                              DeliveryStatus status, String reason, Instant at) {
        this(conversationId, inboxId, author, fromSeq, toSeq, status, reason, at, null);
    }

    public MessageStatusEvent to(Audience receivers) {
        return new MessageStatusEvent(conversationId, inboxId, author, fromSeq, toSeq, status, reason, at, receivers);
    }

    public static final String MESSAGE_STATUS = "message.status";

    public String type() {
        return MESSAGE_STATUS;
    }

    /** The event as the topic carries it (with its audience). */
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
                .add("author", author.name())
                .add("fromSeq", fromSeq)
                .add("toSeq", toSeq)
                .add("status", status.name())
                .add("at", at.toString());
        if (reason != null) {
            json.add("reason", reason);
        }
        return json;
    }

    public static MessageStatusEvent fromJson(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            var o = reader.readObject();
            if (!MESSAGE_STATUS.equals(o.getString("type"))) {
                throw new IllegalArgumentException("type " + o.getString("type"));
            }
            return new MessageStatusEvent(o.getJsonNumber("conversationId").longValueExact(),
                    o.getJsonNumber("inboxId").longValueExact(), AuthorType.valueOf(o.getString("author")),
                    o.getJsonNumber("fromSeq").longValueExact(), o.getJsonNumber("toSeq").longValueExact(),
                    DeliveryStatus.valueOf(o.getString("status")), o.getString("reason", null),
                    Instant.parse(o.getString("at")), Audience.fromJson(o));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a message status event: " + e.getMessage(), e);
        }
    }
}
