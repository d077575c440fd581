package com.switchboard.conversation.entity;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/** The options an agent offers the visitor to pick from: 2 to 10 distinct labels of 1 to 100 characters. */
public final class OptionMenu {

    public static final int MIN_OPTIONS = 2;
    public static final int MAX_OPTIONS = 10;
    public static final int MAX_LABEL = 100;

    private OptionMenu() {
    }

    public static List<String> validate(List<String> options) {
        if (options == null || options.size() < MIN_OPTIONS || options.size() > MAX_OPTIONS) {
            throw RequestRejectedException.invalid("message.options",
                    "Offer " + MIN_OPTIONS + " to " + MAX_OPTIONS + " options.");
        }
        var seen = new HashSet<String>();
        var labels = options.stream().map(option -> option == null ? ""
                        : UnicodeText.line(option.strip().replaceAll("\\s+", " "), "option"))
                .toList();
        for (var label : labels) {
            if (label.isEmpty() || label.codePointCount(0, label.length()) > MAX_LABEL) {
                throw RequestRejectedException.invalid("message.option",
                        "Each option has 1 to " + MAX_LABEL + " characters.");
            }
            if (!seen.add(label.toLowerCase(Locale.ROOT))) {
                throw RequestRejectedException.invalid("message.option-repeated",
                        "The option '" + label + "' is offered twice.");
            }
        }
        return labels;
    }
}
