package com.switchboard.transcript.boundary;

/**
 * What an export of conversations holds: a CSV line per conversation (at most {@value #MAX_LINES}), or a zip of
 * their transcripts (at most {@value #MAX_TRANSCRIPTS}, with the CSV of the same conversations as its index).
 */
public enum ExportKind {
    CSV(null),
    HTML_TRANSCRIPTS(TranscriptFormat.HTML),
    PDF_TRANSCRIPTS(TranscriptFormat.PDF);

    public static final int MAX_LINES = 10_000;
    /** Each transcript is read and written whole (a PDF takes a while): an export's work stays bounded. */
    public static final int MAX_TRANSCRIPTS = 200;

    private final TranscriptFormat transcripts;

    ExportKind(TranscriptFormat transcripts) {
        this.transcripts = transcripts;
    }

    public static ExportKind transcripts(TranscriptFormat format) {
        return format == TranscriptFormat.PDF ? PDF_TRANSCRIPTS : HTML_TRANSCRIPTS;
    }

    /** The transcripts' format, or null for the CSV. */
    public TranscriptFormat transcriptFormat() {
        return transcripts;
    }

    public int limit() {
        return transcripts == null ? MAX_LINES : MAX_TRANSCRIPTS;
    }

    public String extension() {
        return transcripts == null ? "csv" : "zip";
    }

    public String mediaType() {
        return transcripts == null ? "text/csv; charset=UTF-8" : "application/zip";
    }
}
