package com.switchboard.attachment.entity;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * The sender's file name made fit for display and for a download's {@code Content-Disposition}: no path, no
 * invisible or direction-changing characters, none that file systems forbid, and an extension that matches
 * what the content really is (so "invoice.pdf" that is a PNG downloads as "invoice.pdf.png").
 */
public final class FileName {

    public static final int MAX_LENGTH = 200;
    static final String FALLBACK = "attachment";
    private static final String FORBIDDEN = "<>:\"/\\|?*";

    private FileName() {
    }

    /**
     * @param extensions the extensions of the detected type, with their dot, the usual one first (may be empty)
     */
    public static String forDisplay(String given, List<String> extensions) {
        var name = visible(lastSegment(given == null ? "" : given));
        if (name.isEmpty()) {
            name = FALLBACK;
        }
        var extension = extensionOf(name);
        if (!extensions.isEmpty() && extensions.stream().noneMatch(extension::equalsIgnoreCase)) {
            extension = extensions.get(0);
            name = name + extension;
        }
        return shortened(name, extension);
    }

    private static String lastSegment(String name) {
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(cut + 1);
    }

    private static String visible(String name) {
        var out = new StringBuilder();
        boolean space = false;
        for (int cp : Normalizer.normalize(name, Normalizer.Form.NFC).codePoints().toArray()) {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (invisible(cp)) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(FORBIDDEN.indexOf(cp) >= 0 ? '_' : cp);
        }
        // Leading dots hide files on Unix; trailing dots and spaces vanish on Windows.
        return out.toString().replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
    }

    private static boolean invisible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    /** At most MAX_LENGTH characters (code points), cutting the base name and keeping the extension. */
    private static String shortened(String name, String extension) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        var base = name.substring(0, name.length() - extension.length());
        int keep = Math.max(1, MAX_LENGTH - extension.codePointCount(0, extension.length()));
        return base.substring(0, base.offsetByCodePoints(0, keep)).strip() + extension;
    }
}
