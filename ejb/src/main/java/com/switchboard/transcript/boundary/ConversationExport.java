package com.switchboard.transcript.boundary;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** An export ready to write: its kind and the conversations it holds, in the list's order. */
public record ConversationExport(ExportKind kind, List<Long> conversationIds, Instant preparedAt) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    public ConversationExport {
        conversationIds = List.copyOf(conversationIds);
    }

    /** {@code switchboard-conversations-20261201-101500.csv} (or {@code -transcripts-….zip}). */
    public String fileName() {
        return "switchboard-" + (kind == ExportKind.CSV ? "conversations-" : "transcripts-")
                + STAMP.format(preparedAt) + "." + kind.extension();
    }
}
