package com.switchboard.customer.entity;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;
import java.util.regex.Pattern;

/** A valid request for a customer tag: a short name (letters, digits, spaces, '-', '_') and a palette colour. */
public record NewCustomerTag(String name, String colour) {

    public static final int MAX_NAME_LENGTH = 30;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _-]{0," + (MAX_NAME_LENGTH - 1)
            + "}");

    public NewCustomerTag {
        name = name == null ? "" : UnicodeText.line(name, "name").strip().replaceAll("\\s+", " ");
        if (!NAME.matcher(name).matches()) {
            throw RequestRejectedException.invalid("customer-tag.name", "A tag's name has 1 to " + MAX_NAME_LENGTH
                    + " letters, digits, spaces, '-' or '_'.");
        }
        colour = TagColour.validate(colour);
    }
}
