package com.switchboard.transcript.boundary;

import com.switchboard.input.RequestRejectedException;
import java.util.Locale;

/** How a transcript is written: a printable HTML page or a PDF document. */
public enum TranscriptFormat {
    HTML("html", "text/html; charset=UTF-8"),
    PDF("pdf", "application/pdf");

    private final String extension;
    private final String mediaType;

    TranscriptFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** {@code html} (also when absent) or {@code pdf}; anything else is refused as {@code transcript.format}. */
    public static TranscriptFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return HTML;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "html" -> HTML;
            case "pdf" -> PDF;
            default -> throw RequestRejectedException.invalid("transcript.format", "The format is 'html' or 'pdf'.");
        };
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }
}
