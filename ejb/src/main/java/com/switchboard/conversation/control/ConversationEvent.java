package com.switchboard.conversation.control;

import com.switchboard.conversation.entity.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;

/**
 * Something that happened in a conversation, as it travels from the node that committed it to every node's
 * sockets. Only ever built from committed state; the JSON form is the internal topic's message body.
 */
public record ConversationEvent(String type, long conversationId, long inboxId, long seq, String author,
                                String text, Instant at) implements TopicEvent {

    public static final String MESSAGE_CREATED = "message.created";

    public static ConversationEvent messageCreated(Message message, long inboxId) {
        return new ConversationEvent(MESSAGE_CREATED, message.getConversation().getId(), inboxId,
                message.getSeq(), message.getAuthorType().name(), message.getBody(), message.getCreatedAt());
    }

    @Override
    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("type", type)
                .add("conversationId", conversationId)
                .add("inboxId", inboxId)
                .add("seq", seq)
                .add("author", author)
                .add("text", text)
                .add("at", at.toString())
                .build();
    }

    /** Parses an event; a body that is not one throws, so that the broker dead-letters it. */
    public static ConversationEvent fromJson(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            var o = reader.readObject();
            return new ConversationEvent(o.getString("type"), o.getJsonNumber("conversationId").longValueExact(),
                    o.getJsonNumber("inboxId").longValueExact(), o.getJsonNumber("seq").longValueExact(),
                    o.getString("author"), o.getString("text"), Instant.parse(o.getString("at")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a conversation event: " + e.getMessage(), e);
        }
    }
}
