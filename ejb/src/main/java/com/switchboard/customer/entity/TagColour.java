package com.switchboard.customer.entity;

import com.switchboard.input.RequestRejectedException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The colours a customer tag may have: a fixed palette, so every tag stays readable on the console's light
 * background (white text on the colour). Written {@code #rrggbb}, compared without case.
 */
public final class TagColour {

    public static final List<String> PALETTE = List.of("#d92d20", "#dc6803", "#b54708", "#039855", "#027a48",
            "#0e9384", "#1570ef", "#444ce7", "#7a5af8", "#c11574", "#475467");
    /** What people call the palette's colours, in its order. */
    private static final List<String> NAMES = List.of("Red", "Orange", "Brown", "Green", "Dark green", "Teal", "Blue",
            "Indigo", "Violet", "Magenta", "Grey");
    private static final Pattern HEX = Pattern.compile("#[0-9a-f]{6}");

    private TagColour() {
    }

    /** The palette colour's name ("Blue"), or the value itself for one that is not of the palette. */
    public static String name(String colour) {
        int index = PALETTE.indexOf(colour);
        return index < 0 ? colour : NAMES.get(index);
    }

    public static String validate(String colour) {
        var value = colour == null ? "" : colour.strip().toLowerCase(Locale.ROOT);
        if (!HEX.matcher(value).matches()) {
            throw RequestRejectedException.invalid("customer-tag.colour", "A colour is written #rrggbb.");
        }
        if (!PALETTE.contains(value)) {
            throw RequestRejectedException.invalid("customer-tag.colour",
                    "A tag's colour is one of the palette: " + String.join(", ", PALETTE) + ".");
        }
        return value;
    }
}
