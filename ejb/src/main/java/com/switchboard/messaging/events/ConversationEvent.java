package com.switchboard.messaging.events;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Something that happened in a conversation, as it travels from the node that committed it to every node's
 * sockets. Only ever built from committed state; the JSON form is the internal topic's message body.
 * {@code attachments} describes the files sent with a message (never their content); {@code agentId} and
 * {@code agentName} name the agent who wrote it, {@code clientId} is the sender's own id of it; {@code status}
 * how far it got with the other side as the event was made ({@code QUEUED} when new; a replay carries what the
 * receipts made of it since, and {@code statusReason} why it FAILED); {@code audience} who may receive it (null
 * for a replay, whose reader was checked already); {@code visitorAgentName} the agent's name as the visitor sees
 * it ({@code NameTheVisitorSees}, as the message keeps it).
 */
public record ConversationEvent(String type, long conversationId, long inboxId, long seq, String author,
                                String text, Instant at, List<String> options, List<EventFile> attachments,
                                Long agentId, String agentName, Long quoteSeq, String clientId,
                                String status, String statusReason, Audience audience,
                                String visitorAgentName) implements InternalEvent {

    public ConversationEvent {
        options = options == null ? List.of() : List.copyOf(options);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** An event whose visitor sees the agent's own name. */
    public ConversationEvent(String type, long conversationId, long inboxId, long seq, String author, String text,
                             Instant at, List<String> options, List<EventFile> attachments, Long agentId,
                             String agentName, Long quoteSeq, String clientId, String status,
                             String statusReason, Audience audience) {
        this(type, conversationId, inboxId, seq, author, text, at, options, attachments, agentId, agentName, quoteSeq,
                clientId, status, statusReason, audience, agentName);
    }

    /** An event without attachments, sender details or audience. */
    public ConversationEvent(String type, long conversationId, long inboxId, long seq, String author, String text,
                             Instant at, List<String> options) {
        this(type, conversationId, inboxId, seq, author, text, at, options, List.of(), null, null, null, null, null,
                null, null);
    }

    public static final String MESSAGE_CREATED = "message.created";

    /** The authors whose entries the visitor sees (as {@code AuthorType#isPublic} says): not notes, not internal. */
    static final Set<String> PRIVATE_AUTHORS = Set.of("NOTE", "INTERNAL");

    public ConversationEvent to(Audience receivers) {
        return new ConversationEvent(type, conversationId, inboxId, seq, author, text, at, options, attachments,
                agentId, agentName, quoteSeq, clientId, status, statusReason, receivers, visitorAgentName);
    }

    /** The event as its visitor gets it: the agent under the name the visitor sees, and not which agent by id. */
    public ConversationEvent asTheVisitorSeesIt() {
        return new ConversationEvent(type, conversationId, inboxId, seq, author, text, at, options, attachments,
                null, visitorAgentName, quoteSeq, clientId, status, statusReason, audience, visitorAgentName);
    }

    /** Notes and internal entries are for agents only. */
    public boolean isPublic() {
        return !PRIVATE_AUTHORS.contains(author);
    }

    /** The event as the topic carries it (with its audience). */
    public JsonObject toJson() {
        var json = frame();
        if (audience != null) {
            audience.addTo(json);
        }
        return json.build();
    }

    /** The event as a socket client sees it: without whom else it is for. */
    public JsonObjectBuilder frame() {
        var offered = JSON.createArrayBuilder();
        options.forEach(offered::add);
        var files = JSON.createArrayBuilder();
        attachments.forEach(file -> files.add(JSON.createObjectBuilder()
                .add("id", file.id())
                .add("name", file.name())
                .add("mediaType", file.mediaType())
                .add("kind", file.kind())
                .add("size", file.size())));
        var json = JSON.createObjectBuilder()
                .add("type", type)
                .add("conversationId", conversationId)
                .add("inboxId", inboxId)
                .add("seq", seq)
                .add("author", author)
                .add("text", text)
                .add("at", at.toString())
                .add("options", offered)
                .add("attachments", files);
        if (agentId != null) {
            json.add("agentId", agentId);
        }
        if (agentName != null) {
            json.add("agentName", agentName);
        }
        if (visitorAgentName != null && !visitorAgentName.equals(agentName)) {
            json.add("visitorAgentName", visitorAgentName); // agents see what the visitor saw
        }
        if (quoteSeq != null) {
            json.add("quoteSeq", quoteSeq);
        }
        if (clientId != null) {
            json.add("clientId", clientId);
        }
        if (status != null) {
            json.add("status", status);
        }
        if (statusReason != null) {
            json.add("statusReason", statusReason);
        }
        return json;
    }

    /** Parses an event; a body that is not one throws, so that the broker dead-letters it. */
    public static ConversationEvent fromJson(JsonObject o) {
        try {
            long seq = o.getJsonNumber("seq").longValueExact();
            var options = o.containsKey("options") ? o.getJsonArray("options").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList() : List.<String>of();
            var attachments = !o.containsKey("attachments") ? List.<EventFile>of()
                    : o.getJsonArray("attachments").getValuesAs(JsonValue::asJsonObject).stream()
                            .map(a -> new EventFile(a.getJsonNumber("id").longValueExact(),
                                    a.getString("name"), a.getString("mediaType"), a.getString("kind"),
                                    a.getJsonNumber("size").longValueExact()))
                            .toList();
            return new ConversationEvent(o.getString("type"), o.getJsonNumber("conversationId").longValueExact(),
                    o.getJsonNumber("inboxId").longValueExact(), seq, o.getString("author"), o.getString("text"),
                    Instant.parse(o.getString("at")), options, attachments,
                    InternalEvents.optionalNumber(o, "agentId"), o.getString("agentName", null),
                    InternalEvents.optionalNumber(o, "quoteSeq"), o.getString("clientId", null),
                    o.getString("status", null),
                    o.getString("statusReason", null), Audience.fromJson(o),
                    o.getString("visitorAgentName", o.getString("agentName", null)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a conversation event: " + e.getMessage(), e);
        }
    }
}
