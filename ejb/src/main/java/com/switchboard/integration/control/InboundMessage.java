package com.switchboard.integration.control;

import com.switchboard.input.Jsonp;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * One inbound message, read from its JSON body and checked against docs/JMS-CONTRACT.md: every broken rule is a
 * {@link RequestRejectedException} (code {@code inbound.*}), which dead-letters the message with that reason.
 * Rules on the values themselves (text length, e-mail shape, the inbox existing) are the services' own.
 * <p>
 * {@code conversationId} or {@code visitor} + {@code inbox} name the conversation of a system message or a close;
 * a visitor message always has {@code visitor} and {@code inbox}.
 */
public record InboundMessage(InboundType type, String externalId, String inbox, SourceVisitor visitor,
                             Long conversationId, String text) {

    public static final int MAX_ID = 100;

    /** The legacy system's visitor: its own id, and optionally what it knows of the person. */
    public record SourceVisitor(String externalId, String name, String email) {
    }

    public static InboundMessage parse(String body) {
        return parse(body, null);
    }

    /** @param duplicateId the externalId of a body that has none (the message's {@code _AMQ_DUPL_ID}), or null */
    public static InboundMessage parse(String body, String duplicateId) {
        var json = object(body);
        var type = InboundType.of(requiredString(json, "type", "inbound.type-missing"));
        var externalId = json.containsKey("externalId") || duplicateId == null
                ? id(json, "externalId", "inbound.external-id")
                : checkedId(duplicateId, "_AMQ_DUPL_ID", "inbound.external-id");
        var inbox = optionalString(json, "inbox", "inbound.inbox");
        var visitor = visitor(json);
        var conversationId = conversationId(json);
        return switch (type) {
            case VISITOR_MESSAGE -> {
                if (visitor == null || inbox == null) {
                    throw RequestRejectedException.invalid("inbound.target",
                            "A visitor.message names the visitor (visitor.externalId) and the inbox.");
                }
                if (conversationId != null) {
                    throw RequestRejectedException.invalid("inbound.target",
                            "A visitor.message names no conversationId: the visitor's conversation is found "
                                    + "or opened.");
                }
                yield new InboundMessage(type, externalId, inbox, visitor, null,
                        requiredString(json, "text", "inbound.text"));
            }
            case SYSTEM_MESSAGE -> target(type, externalId, inbox, visitor, conversationId,
                    requiredString(json, "text", "inbound.text"));
            case CONVERSATION_CLOSE -> target(type, externalId, inbox, visitor, conversationId, null);
        };
    }

    /** Either the conversation's id, or the visitor and the inbox: exactly one way. */
    private static InboundMessage target(InboundType type, String externalId, String inbox, SourceVisitor visitor,
                                         Long conversationId, String text) {
        var byId = conversationId != null;
        var byVisitor = visitor != null && inbox != null;
        if (byId == byVisitor || (byId && (visitor != null || inbox != null))) {
            throw RequestRejectedException.invalid("inbound.target", "A " + type.wireName()
                    + " names its conversation either by conversationId or by visitor.externalId and inbox.");
        }
        return new InboundMessage(type, externalId, inbox, visitor, conversationId, text);
    }

    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw RequestRejectedException.invalid("inbound.not-json", "The message body is empty.");
        }
        JsonValue value;
        try {
            value = Jsonp.readValue(body);
        } catch (IllegalArgumentException e) {
            // Any failure of the parser is the body's fault, never an outage worth redelivering.
            throw RequestRejectedException.invalid("inbound.not-json", "The body is not JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw RequestRejectedException.invalid("inbound.not-json", "The body is JSON but not an object.");
        }
        return value.asJsonObject();
    }

    private static SourceVisitor visitor(JsonObject json) {
        var value = json.get("visitor");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw RequestRejectedException.invalid("inbound.visitor", "visitor is an object.");
        }
        var visitor = value.asJsonObject();
        return new SourceVisitor(id(visitor, "externalId", "inbound.visitor"),
                optionalString(visitor, "name", "inbound.visitor"),
                optionalString(visitor, "email", "inbound.visitor"));
    }

    private static Long conversationId(JsonObject json) {
        var value = json.get("conversationId");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral() && number.bigIntegerValue().signum() > 0
                && number.bigIntegerValue().bitLength() < 64) {
            return number.longValue();
        }
        throw RequestRejectedException.invalid("inbound.conversation-id", "conversationId is a positive integer.");
    }

    /** An id: a non-blank string of at most {@value #MAX_ID} characters. */
    private static String id(JsonObject json, String name, String code) {
        return checkedId(requiredString(json, name, code), name, code);
    }

    private static String checkedId(String value, String name, String code) {
        UnicodeText.identifier(value, name);
        if (value.isBlank() || value.length() > MAX_ID) {
            throw RequestRejectedException.invalid(code, name + " is a non-blank string of at most " + MAX_ID
                    + " characters.");
        }
        return value;
    }

    private static String requiredString(JsonObject json, String name, String code) {
        var value = optionalString(json, name, code);
        if (value == null) {
            throw RequestRejectedException.invalid(code, name + " is required.");
        }
        return value;
    }

    private static String optionalString(JsonObject json, String name, String code) {
        var value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw RequestRejectedException.invalid(code, name + " is a string.");
    }
}
