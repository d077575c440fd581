package com.switchboard.canned.entity;

import com.switchboard.conversation.entity.MessageText;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a canned response says and how it is called up: a title, a shortcut typed after "/", the text. */
public record CannedText(String title, String shortcut, String text) {

    public static final int MAX_TITLE_LENGTH = 100;
    private static final Pattern SHORTCUT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");

    public CannedText {
        title = title == null ? "" : UnicodeText.line(title, "title").strip();
        if (title.isEmpty() || title.codePointCount(0, title.length()) > MAX_TITLE_LENGTH) {
            throw RequestRejectedException.invalid("canned.title", "A title has 1 to " + MAX_TITLE_LENGTH
                    + " characters.");
        }
        shortcut = shortcut == null ? "" : shortcut.strip().toLowerCase(Locale.ROOT);
        if (shortcut.startsWith("/")) {
            shortcut = shortcut.substring(1);
        }
        if (!SHORTCUT.matcher(shortcut).matches()) {
            throw RequestRejectedException.invalid("canned.shortcut",
                    "A shortcut has 1 to 50 letters, digits, '-' or '_', starting with a letter or digit.");
        }
        text = MessageText.validate(text);
    }
}
