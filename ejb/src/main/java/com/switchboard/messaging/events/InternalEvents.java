package com.switchboard.messaging.events;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The internal topic's contract in one place: every type a node publishes, and how its body is read back. A type
 * that is not listed, or a body that is not its type's, throws {@link IllegalArgumentException}, so that the
 * broker redelivers the message and finally dead-letters it.
 */
public final class InternalEvents {

    private InternalEvents() {
    }

    public static InternalEvent parse(String type, String body) {
        if (type == null) {
            throw new IllegalArgumentException("Not an internal event: no type");
        }
        try {
            var json = read(body);
            return switch (type) {
                case ConversationEvent.MESSAGE_CREATED -> ConversationEvent.fromJson(json);
                case MessageStatusEvent.MESSAGE_STATUS -> MessageStatusEvent.fromJson(json);
                case VisitorNotice.TYPE -> VisitorNotice.fromJson(json);
                case BlockImposed.TYPE -> BlockImposed.fromJson(json);
                case BlockLifted.TYPE -> new BlockLifted(number(json, "blockId"));
                case InboxChanged.TYPE -> new InboxChanged(number(json, "inboxId"));
                case InboxMembersChanged.TYPE -> new InboxMembersChanged(number(json, "inboxId"));
                case AgentTokensRevoked.TYPE -> new AgentTokensRevoked(number(json, "agentId"));
                case AgentDeactivated.TYPE -> new AgentDeactivated(number(json, "agentId"));
                case QueueMoved.TYPE -> QueueMoved.fromJson(json);
                case CustomerChanged.TYPE -> new CustomerChanged(number(json, "customerId"),
                        numbers(json, "inboxIds"), numbers(json, "agentIds"));
                case CustomerTagsChanged.TYPE -> new CustomerTagsChanged();
                default -> {
                    if (ConversationSignal.TYPES.contains(type)) {
                        yield ConversationSignal.fromJson(type, json);
                    }
                    if (AgentNews.TYPES.contains(type)) {
                        yield AgentNews.of(json);
                    }
                    throw new IllegalArgumentException("unknown type " + type);
                }
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not an internal event of type " + type + ": " + e.getMessage(), e);
        }
    }

    private static JsonObject read(String body) {
        try (var reader = JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** The body of an event that names one thing by its id. */
    static JsonObject withId(String name, long id) {
        return JSON.createObjectBuilder().add(name, id).build();
    }

    static long number(JsonObject json, String name) {
        if (!(json.get(name) instanceof JsonNumber number)) {
            throw new IllegalArgumentException("no " + name);
        }
        return number.longValueExact();
    }

    static Long optionalNumber(JsonObject json, String name) {
        return json.containsKey(name) && json.get(name).getValueType() == JsonValue.ValueType.NUMBER
                ? json.getJsonNumber(name).longValueExact() : null;
    }

    static Set<Long> numbers(JsonObject json, String name) {
        return json.getJsonArray(name).getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValueExact)
                .collect(Collectors.toUnmodifiableSet());
    }
}
