package com.switchboard.transcript.control;

import com.switchboard.documents.PdfPages.Line;
import com.switchboard.documents.PdfPages.Style;
import com.switchboard.documents.PdfPages;
import com.switchboard.transcript.boundary.StaffTranscript.Entry;
import com.switchboard.transcript.boundary.StaffTranscript.Kind;
import com.switchboard.transcript.boundary.StaffTranscript;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** A staff transcript as a PDF ({@link PdfPages}): the same words as its page, private entries tinted. */
public final class TranscriptPdf {

    private TranscriptPdf() {
    }

    public static void write(StaffTranscript transcript, OutputStream out) {
        try (var pages = new PdfPages(out, transcript.title(),
                "Conversation #" + transcript.facts().conversationId() + " · staff transcript")) {
            pages.line(new Line(Style.META, TranscriptText.SCOPE + " " + TranscriptText.generated(transcript)));
            var facts = new ArrayList<Line>();
            TranscriptText.facts(transcript.facts())
                    .forEach(fact -> facts.add(new Line(Style.TEXT, fact[0] + ": " + fact[1])));
            pages.block(facts, false);
            pages.line(new Line(Style.HEADING, "Entries"));
            transcript.entries().forEach(entry -> pages.block(lines(entry), entry.kind().isPrivate()));
        }
    }

    private static List<Line> lines(Entry entry) {
        var lines = new ArrayList<Line>();
        if (entry.kind() == Kind.EVENT) {
            lines.add(new Line(Style.META, TranscriptText.time(entry.at())));
            lines.add(new Line(Style.STRONG, entry.who()));
            if (entry.text() != null && !entry.text().isBlank()) {
                lines.add(new Line(Style.META, entry.text()));
            }
            return lines;
        }
        var meta = TranscriptText.time(entry.at()) + " · " + TranscriptText.byline(entry)
                + (entry.quoteSeq() == null ? "" : " · in reply to #" + entry.quoteSeq());
        lines.add(new Line(Style.META, meta));
        var mark = TranscriptText.privateMark(entry);
        if (mark != null) {
            lines.add(new Line(Style.MARK, mark));
        }
        if (entry.text() != null && !entry.text().isEmpty()) {
            lines.add(new Line(Style.TEXT, entry.text()));
        }
        if (!entry.options().isEmpty()) {
            lines.add(new Line(Style.META, TranscriptText.optionsHeading(entry)));
            for (int i = 0; i < entry.options().size(); i++) {
                lines.add(new Line(Style.TEXT, (i + 1) + ". " + TranscriptText.option(entry, i)));
            }
        }
        entry.files().forEach(file -> lines.add(new Line(Style.META, "File: " + TranscriptText.file(file))));
        return lines;
    }
}
