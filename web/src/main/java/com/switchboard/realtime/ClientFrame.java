package com.switchboard.realtime;

import com.switchboard.input.RequestRejectedException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A frame a client sent, decoded and checked for the protocol's envelope (a JSON object with a string
 * {@code type}, an optional {@code ref} of the client's, an optional {@code v} that must be 1). The typed
 * accessors refuse a missing or mistyped field with {@code request.field}, naming it.
 */
public record ClientFrame(String type, String ref, JsonObject json) {

    public static final int MAX_REF_LENGTH = 64;

    public static ClientFrame of(JsonObject json) {
        if (!(json.get("type") instanceof JsonString type)) {
            throw RequestRejectedException.invalid("frame.invalid", "A frame needs a string field 'type'.");
        }
        if (json.containsKey("v") && !(json.get("v") instanceof JsonNumber v && v.isIntegral() && v.intValue() == 1)) {
            throw RequestRejectedException.invalid("frame.version", "This socket speaks version 1 of the protocol.");
        }
        String ref = null;
        if (json.containsKey("ref")) {
            if (!(json.get("ref") instanceof JsonString r) || r.getString().length() > MAX_REF_LENGTH) {
                throw RequestRejectedException.invalid("request.field",
                        "'ref' is a string of at most " + MAX_REF_LENGTH + " characters.");
            }
            ref = r.getString();
        }
        return new ClientFrame(type.getString(), ref, json);
    }

    public String text(String name) {
        if (!(json.get(name) instanceof JsonString value)) {
            throw field(name, "a string");
        }
        return value.getString();
    }

    public String optionalText(String name) {
        var value = json.get(name);
        return value == null || value == JsonValue.NULL ? null : text(name);
    }

    public long number(String name) {
        if (!(json.get(name) instanceof JsonNumber value) || !value.isIntegral()) {
            throw field(name, "a whole number");
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw field(name, "a whole number in range");
        }
    }

    public Long optionalNumber(String name) {
        var value = json.get(name);
        return value == null || value == JsonValue.NULL ? null : number(name);
    }

    public boolean flag(String name) {
        var value = json.get(name);
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw field(name, "true or false");
        }
        return value == JsonValue.TRUE;
    }

    private static RequestRejectedException field(String name, String what) {
        return RequestRejectedException.invalid("request.field", "The field '" + name + "' must be " + what + ".");
    }
}
