package com.switchboard.input;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text from outside, made fit to store and to send again. A Java string can hold what no UTF-8 stream can carry:
 * an unpaired surrogate (JSON's {@code "\ud800"} is valid JSON). Stored, such a text makes every later write of it
 * to a socket fail, so it is repaired where it comes in, the way a browser's UTF-8 encoder repairs it: each unpaired
 * surrogate becomes U+FFFD. Control characters have no business in a chat and break logs, CSV cells and single-line
 * fields, so they are refused; a text keeps tab, line feed and carriage return, a single line keeps none of them.
 */
public final class UnicodeText {

    public static final char REPLACEMENT = '\uFFFD';
    public static final String CONTROL_CHARACTER = "text.control-character";

    private UnicodeText() {
    }

    /** The text with each unpaired surrogate replaced by U+FFFD; the same instance when it has none. */
    public static String wellFormed(String text) {
        if (text == null) {
            return null;
        }
        int bad = firstUnpairedSurrogate(text, 0);
        if (bad < 0) {
            return text;
        }
        var repaired = text.toCharArray();
        for (int i = bad; i >= 0; i = firstUnpairedSurrogate(text, i + 1)) {
            repaired[i] = REPLACEMENT;
        }
        return new String(repaired);
    }

    /**
     * A multi-line text (a message, a note, a reason): well-formed, and refused with
     * {@value #CONTROL_CHARACTER} when it holds a control character other than tab, line feed or carriage return.
     */
    public static String text(String text, String field) {
        refuseControls(text, field, false);
        return wellFormed(text);
    }

    /** A one-line text (a name, an e-mail address, a tag, an id): as {@link #text}, without line breaks or tabs. */
    public static String line(String text, String field) {
        refuseControls(text, field, true);
        return wellFormed(text);
    }

    /**
     * An identifier another system chose (an external id): as {@link #line}, without format characters
     * (invisible joiners, direction marks), so two ids that look alike are alike, and refused rather than repaired
     * when it holds an unpaired surrogate, so two ids that differ never become one.
     */
    public static String identifier(String text, String field) {
        if (text != null && firstUnpairedSurrogate(text, 0) >= 0) {
            throw RequestRejectedException.invalid(CONTROL_CHARACTER,
                    "The " + field + " holds half of a character (an unpaired surrogate), which is not allowed.");
        }
        var checked = line(text, field);
        if (checked != null && checked.codePoints().anyMatch(cp -> Character.getType(cp) == Character.FORMAT)) {
            throw RequestRejectedException.invalid(CONTROL_CHARACTER,
                    "The " + field + " holds an invisible formatting character, which is not allowed.");
        }
        return checked;
    }

    /**
     * Every string of a client's JSON (names and values, at any depth) checked as a {@link #text}; the same
     * instance when nothing needed repairing. The parser bounds the depth.
     */
    public static JsonValue json(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> {
                var string = ((JsonString) value).getString();
                var checked = text(string, "text");
                yield checked == string ? value : JSON.createValue(checked);
            }
            case OBJECT -> object((JsonObject) value);
            case ARRAY -> array((JsonArray) value);
            default -> value;
        };
    }

    public static JsonObject json(JsonObject object) {
        return (JsonObject) json((JsonValue) object);
    }

    private static JsonValue object(JsonObject object) {
        Map<String, JsonValue> rebuilt = null;
        for (var field : object.entrySet()) {
            var name = line(field.getKey(), "name");
            var value = json(field.getValue());
            if (rebuilt == null && (name != field.getKey() || value != field.getValue())) {
                rebuilt = new LinkedHashMap<>();
                for (var earlier : object.entrySet()) {
                    if (earlier.getKey().equals(field.getKey())) {
                        break;
                    }
                    rebuilt.put(earlier.getKey(), earlier.getValue());
                }
            }
            if (rebuilt != null) {
                rebuilt.put(name, value);
            }
        }
        if (rebuilt == null) {
            return object;
        }
        var builder = JSON.createObjectBuilder();
        rebuilt.forEach(builder::add);
        return builder.build();
    }

    private static JsonValue array(JsonArray array) {
        List<JsonValue> rebuilt = null;
        for (int i = 0; i < array.size(); i++) {
            var item = array.get(i);
            var checked = json(item);
            if (rebuilt == null && checked != item) {
                rebuilt = new ArrayList<>(array.subList(0, i));
            }
            if (rebuilt != null) {
                rebuilt.add(checked);
            }
        }
        if (rebuilt == null) {
            return array;
        }
        var builder = JSON.createArrayBuilder();
        rebuilt.forEach(builder::add);
        return builder.build();
    }

    private static void refuseControls(String text, String field, boolean singleLine) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c, singleLine)) {
                throw RequestRejectedException.invalid(CONTROL_CHARACTER, "The " + field
                        + String.format(" holds a control character (U+%04X), which is not allowed%s.", (int) c,
                        singleLine ? " in one line" : ""));
            }
        }
    }

    private static boolean isControl(char c, boolean singleLine) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return singleLine;
        }
        if (c == '\u2028' || c == '\u2029') {
            return singleLine;
        }
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    private static int firstUnpairedSurrogate(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
