package com.switchboard.visitor.entity;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules for a visitor's name and e-mail, typed or signed: both optional, both short, e-mail well-formed. */
public final class VisitorDetails {

    public static final int MAX_NAME = 100;
    public static final int MAX_EMAIL = 254;
    // The shape HTML's <input type=email> accepts: enough to catch typos, without pretending to validate mailboxes.
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private VisitorDetails() {
    }

    /** The name stripped, or null when blank. */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        var clean = UnicodeText.wellFormed(name).strip().replaceAll("\\s+", " ");
        if (clean.codePointCount(0, clean.length()) > MAX_NAME || clean.chars().anyMatch(Character::isISOControl)) {
            throw RequestRejectedException.invalid("visitor.name",
                    "A name has at most " + MAX_NAME + " characters and no control characters.");
        }
        return clean;
    }

    /**
     * The name of the legacy system a customer came from (the broker user that sent for them), as the card shows
     * it; null when blank or not one short line of text. Such a name refuses nothing: the message is still taken.
     */
    public static String system(String system) {
        if (system == null || system.isBlank()) {
            return null;
        }
        var clean = UnicodeText.wellFormed(system).strip();
        return clean.length() > MAX_NAME || clean.codePoints().anyMatch(Character::isISOControl) ? null : clean;
    }

    /** The e-mail address stripped and lower-cased, or null when blank. */
    public static String email(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        var clean = UnicodeText.line(email, "e-mail address").strip().toLowerCase(Locale.ROOT);
        if (clean.length() > MAX_EMAIL || !EMAIL.matcher(clean).matches()) {
            throw RequestRejectedException.invalid("visitor.email", "'" + email + "' is not an e-mail address.");
        }
        return clean;
    }
}
