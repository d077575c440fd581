package com.switchboard.conversation.entity;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;

/** The rules every message text obeys, whoever sends it. */
public final class MessageText {

    private MessageText() {
    }

    /**
     * Returns the text as it will be stored, or rejects it. Length counts characters as people see them
     * (Unicode code points), so an emoji counts once.
     */
    public static String validate(String text) {
        if (text == null || text.isBlank()) {
            throw RequestRejectedException.invalid("message.empty", "A message needs some text.");
        }
        var stripped = UnicodeText.text(text, "message").strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length > Message.MAX_LENGTH) {
            throw RequestRejectedException.invalid("message.too-long",
                    "A message may have at most " + Message.MAX_LENGTH + " characters; this one has " + length + ".");
        }
        return stripped;
    }

    /** The text of a message that carries files: it may be empty (stored as ""), otherwise the same rules apply. */
    public static String caption(String text) {
        return text == null || text.isBlank() ? "" : validate(text);
    }
}
