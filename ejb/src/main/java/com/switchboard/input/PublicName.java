package com.switchboard.input;


/**
 * A name shown to visitors in place of an agent's account name (an inbox's operator name, an agent's public
 * name): one line of 1 to {@value #MAX_LENGTH} characters; blank means "not set" (null).
 */
public final class PublicName {

    public static final int MAX_LENGTH = 60;

    private PublicName() {
    }

    /** The name stripped, or null for none; anything else is refused with {@code code}. */
    public static String validate(String raw, String code) {
        if (raw == null) {
            return null;
        }
        var name = UnicodeText.line(raw, "name").strip();
        if (name.isEmpty()) {
            return null;
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw RequestRejectedException.invalid(code, "A name shown to visitors has at most " + MAX_LENGTH
                    + " characters.");
        }
        return name;
    }
}
