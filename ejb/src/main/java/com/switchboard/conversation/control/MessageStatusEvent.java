package com.switchboard.conversation.control;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.DeliveryStatus;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;

/**
 * The {@code author}'s messages from {@code fromSeq} to {@code toSeq} that were below {@code status} now have it
 * (a message in the range that already had a higher one, or came from the other side, is unchanged). The
 * sender's UI raises each of its messages in the range to at least this status; {@code reason} is set for FAILED.
 */
public record MessageStatusEvent(long conversationId, long inboxId, AuthorType author, long fromSeq, long toSeq,
                                 DeliveryStatus status, String reason, Instant at) {

    public static final String MESSAGE_STATUS = "message.status";

    public String type() {
        return MESSAGE_STATUS;
    }

    public JsonObject toJson() {
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
        return json.build();
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
                    Instant.parse(o.getString("at")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a message status event: " + e.getMessage(), e);
        }
    }
}
