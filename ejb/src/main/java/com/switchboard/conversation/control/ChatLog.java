package com.switchboard.conversation.control;

import static com.switchboard.documents.HtmlText.escape;

import com.switchboard.documents.PdfPages;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A visitor's copy of their chat: its public messages only (never notes or internal entries), each with who wrote
 * it as the visitor saw them, when, and the names of the files sent with it. Rendered as an HTML page or a PDF
 * (the widget's downloads) or as plain text (the e-mail); every text is escaped in the page.
 */
public record ChatLog(String inboxName, long conversationId, List<Line> lines) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public record Line(Instant at, String who, String text, List<String> files) {
    }

    public String title() {
        return "Your chat with " + inboxName;
    }

    public String html() {
        // Its own policy: kept on a disk and opened later, the page still runs nothing and loads nothing.
        var page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'\"><title>")
                .append(escape(title())).append("</title>\n<style>body{font:15px/1.45 system-ui,sans-serif;"
                        + "max-width:720px;margin:24px auto;padding:0 16px;color:#1d2939}li{margin:0 0 12px}"
                        + ".meta{color:#667085;font-size:13px}.text{white-space:pre-wrap;margin:2px 0}</style>"
                        + "</head><body>\n<h1>").append(escape(title())).append("</h1>\n<ol class=\"log\">\n");
        for (var line : lines) {
            page.append("<li><div class=\"meta\">").append(escape(line.who())).append(" · ")
                    .append(TIME.format(line.at())).append("</div>");
            if (line.text() != null && !line.text().isEmpty()) {
                page.append("<p class=\"text\">").append(escape(line.text())).append("</p>");
            }
            if (!line.files().isEmpty()) {
                page.append("<p class=\"files\">Files: ").append(escape(String.join(", ", line.files())))
                        .append("</p>");
            }
            page.append("</li>\n");
        }
        return page.append("</ol>\n</body></html>\n").toString();
    }

    /** The same as a PDF document ({@link PdfPages}: any text the chat holds, right-to-left lines too). */
    public byte[] pdf() {
        var pdf = new ByteArrayOutputStream();
        try (var pages = new PdfPages(pdf, title(), title())) {
            for (var line : lines) {
                var block = new ArrayList<PdfPages.Line>();
                block.add(new PdfPages.Line(PdfPages.Style.META, line.who() + " · " + TIME.format(line.at())));
                if (line.text() != null && !line.text().isEmpty()) {
                    block.add(new PdfPages.Line(PdfPages.Style.TEXT, line.text()));
                }
                if (!line.files().isEmpty()) {
                    block.add(new PdfPages.Line(PdfPages.Style.META, "Files: " + String.join(", ", line.files())));
                }
                pages.block(block, false);
            }
        }
        return pdf.toByteArray();
    }

    public String text() {
        var text = new StringBuilder(title()).append("\n\n");
        for (var line : lines) {
            text.append(line.who()).append(" · ").append(TIME.format(line.at())).append('\n');
            if (line.text() != null && !line.text().isEmpty()) {
                text.append(line.text()).append('\n');
            }
            if (!line.files().isEmpty()) {
                text.append("Files: ").append(String.join(", ", line.files())).append('\n');
            }
            text.append('\n');
        }
        return text.toString();
    }
}
