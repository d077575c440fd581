package com.switchboard.conversation.control;

import com.switchboard.conversation.entity.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * Something that happened in a conversation, as it travels from the node that committed it to every node's
 * sockets. Only ever built from committed state; the JSON form is the internal topic's message body.
 */
public record ConversationEvent(String type, long conversationId, long inboxId, long seq, String author,
                                String text, Instant at, List<String> options) {

    public ConversationEvent {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public static final String MESSAGE_CREATED = "message.created";

    public static ConversationEvent messageCreated(Message message, long inboxId) {
        return new ConversationEvent(MESSAGE_CREATED, message.getConversation().getId(), inboxId,
                message.getSeq(), message.getAuthorType().name(), message.getBody(), message.getCreatedAt(),
                message.getOptions());
    }

    public JsonObject toJson() {
        var offered = Json.createArrayBuilder();
        options.forEach(offered::add);
        return Json.createObjectBuilder()
                .add("type", type)
                .add("conversationId", conversationId)
                .add("inboxId", inboxId)
                .add("seq", seq)
                .add("author", author)
                .add("text", text)
                .add("at", at.toString())
                .add("options", offered)
                .build();
    }

    /** Parses an event; a body that is not one throws, so that the broker dead-letters it. */
    public static ConversationEvent fromJson(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            var o = reader.readObject();
            return new ConversationEvent(o.getString("type"), o.getJsonNumber("conversationId").longValueExact(),
                    o.getJsonNumber("inboxId").longValueExact(), o.getJsonNumber("seq").longValueExact(),
                    o.getString("author"), o.getString("text"), Instant.parse(o.getString("at")),
                    o.containsKey("options") ? o.getJsonArray("options").getValuesAs(JsonString.class).stream()
                            .map(JsonString::getString).toList() : List.of());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a conversation event: " + e.getMessage(), e);
        }
    }
}
