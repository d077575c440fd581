package com.switchboard.agent.entity;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** A valid request for an agent account; the password is hashed before anything stores it. */
public record NewAgent(String email, String displayName, String password, Set<Role> roles) {

    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_PASSWORD_LENGTH = 200;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public NewAgent {
        email = normaliseEmail(email);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw RequestRejectedException.invalid("agent.email", "'" + email + "' is not an e-mail address.");
        }
        displayName = displayName == null ? "" : UnicodeText.line(displayName, "name").strip();
        if (displayName.isEmpty() || displayName.codePointCount(0, displayName.length()) > 100) {
            throw RequestRejectedException.invalid("agent.name", "A name has 1 to 100 characters.");
        }
        validatePassword(password);
        if (roles == null || roles.isEmpty()) {
            throw RequestRejectedException.invalid("agent.roles", "An agent needs at least one role.");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    /** E-mail addresses compare without case and surrounding blanks. */
    public static String normaliseEmail(String email) {
        return email == null ? "" : UnicodeText.line(email, "e-mail address").strip().toLowerCase(Locale.ROOT);
    }

    public static void validatePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw RequestRejectedException.invalid("agent.password", "A password has " + MIN_PASSWORD_LENGTH
                    + " to " + MAX_PASSWORD_LENGTH + " characters.");
        }
    }
}
