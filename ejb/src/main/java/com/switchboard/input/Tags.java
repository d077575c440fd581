package com.switchboard.input;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Tags label conversations and visitors for filtering: compared without case, a few words at most. */
public final class Tags {

    public static final int MAX_TAGS = 20;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _-]{0,49}");

    private Tags() {
    }

    /** The tags of a {@code subject} ("conversation", "visitor"), whose name prefixes the error codes. */
    public static Set<String> normalise(String subject, Collection<String> tags) {
        var normalised = new TreeSet<String>();
        for (var tag : tags == null ? Set.<String>of() : tags) {
            var clean = tag == null ? "" : tag.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            if (!TAG.matcher(clean).matches()) {
                throw RequestRejectedException.invalid(subject + ".tag",
                        "A tag has 1 to 50 letters, digits, spaces, '-' or '_': '" + tag + "' does not fit.");
            }
            normalised.add(clean);
        }
        if (normalised.size() > MAX_TAGS) {
            throw RequestRejectedException.invalid(subject + ".tags",
                    "A " + subject + " has at most " + MAX_TAGS + " tags.");
        }
        return normalised;
    }
}
