package com.switchboard.api;

import com.switchboard.input.RequestRejectedException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/** Reading fields of a client's JSON (request bodies and socket frames): a wrong type is a readable 400. */
public final class JsonFields {

    private JsonFields() {
    }

    public static long number(JsonObject json, String field) {
        var value = optionalNumber(json, field);
        if (value == null) {
            throw wrong(field, "a whole number");
        }
        return value;
    }

    public static Long optionalNumber(JsonObject json, String field) {
        var value = json == null ? null : json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException outOfRange) {
                throw wrong(field, "a whole number in range");
            }
        }
        throw wrong(field, "a whole number");
    }

    /** A string the JSON may carry: null when absent or null. */
    public static String text(JsonObject json, String field) {
        var value = json == null ? null : json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw wrong(field, "a string");
    }

    /** A list of strings; absent means empty. */
    public static List<String> texts(JsonObject json, String field) {
        var value = json == null ? null : json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value instanceof JsonArray array && array.stream().allMatch(JsonString.class::isInstance)) {
            return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
        throw wrong(field, "a list of strings");
    }

    private static RequestRejectedException wrong(String field, String what) {
        return RequestRejectedException.invalid("request.field", "'" + field + "' must be " + what + ".");
    }
}
