package com.switchboard.conversation.control;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.attachment.entity.AttachedFile;
import com.switchboard.attachment.entity.AttachmentKind;
import com.switchboard.conversation.entity.Message;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * Something that happened in a conversation, as it travels from the node that committed it to every node's
 * sockets. Only ever built from committed state; the JSON form is the internal topic's message body.
 * {@code attachments} describes the files sent with a message (never their content).
 */
public record ConversationEvent(String type, long conversationId, long inboxId, long seq, String author,
                                String text, Instant at, List<String> options, List<AttachedFile> attachments) {

    public ConversationEvent {
        options = options == null ? List.of() : List.copyOf(options);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** An event without attachments. */
    public ConversationEvent(String type, long conversationId, long inboxId, long seq, String author, String text,
                             Instant at, List<String> options) {
        this(type, conversationId, inboxId, seq, author, text, at, options, List.of());
    }

    public static final String MESSAGE_CREATED = "message.created";

    public static ConversationEvent messageCreated(Message message, long inboxId) {
        return messageCreated(message, inboxId, List.of());
    }

    public static ConversationEvent messageCreated(Message message, long inboxId, List<AttachedFile> attachments) {
        return new ConversationEvent(MESSAGE_CREATED, message.getConversation().getId(), inboxId,
                message.getSeq(), message.getAuthorType().name(), message.getBody(), message.getCreatedAt(),
                message.getOptions(), attachments);
    }

    public JsonObject toJson() {
        var offered = JSON.createArrayBuilder();
        options.forEach(offered::add);
        var files = JSON.createArrayBuilder();
        attachments.forEach(file -> files.add(JSON.createObjectBuilder()
                .add("id", file.id())
                .add("name", file.name())
                .add("mediaType", file.mediaType())
                .add("kind", file.kind().name())
                .add("size", file.size())));
        return JSON.createObjectBuilder()
                .add("type", type)
                .add("conversationId", conversationId)
                .add("inboxId", inboxId)
                .add("seq", seq)
                .add("author", author)
                .add("text", text)
                .add("at", at.toString())
                .add("options", offered)
                .add("attachments", files)
                .build();
    }

    /** Parses an event; a body that is not one throws, so that the broker dead-letters it. */
    public static ConversationEvent fromJson(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            var o = reader.readObject();
            long seq = o.getJsonNumber("seq").longValueExact();
            var options = o.containsKey("options") ? o.getJsonArray("options").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList() : List.<String>of();
            var attachments = !o.containsKey("attachments") ? List.<AttachedFile>of()
                    : o.getJsonArray("attachments").getValuesAs(JsonValue::asJsonObject).stream()
                            .map(a -> new AttachedFile(a.getJsonNumber("id").longValueExact(), seq,
                                    a.getString("name"), a.getString("mediaType"),
                                    AttachmentKind.valueOf(a.getString("kind")),
                                    a.getJsonNumber("size").longValueExact()))
                            .toList();
            return new ConversationEvent(o.getString("type"), o.getJsonNumber("conversationId").longValueExact(),
                    o.getJsonNumber("inboxId").longValueExact(), seq, o.getString("author"), o.getString("text"),
                    Instant.parse(o.getString("at")), options, attachments);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a conversation event: " + e.getMessage(), e);
        }
    }
}
