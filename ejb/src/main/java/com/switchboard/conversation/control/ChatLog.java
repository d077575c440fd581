package com.switchboard.conversation.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A visitor's copy of their chat: its public messages only (never notes or internal entries), each with who wrote
 * it as the visitor saw them, when, and the names of the files sent with it. Rendered as an HTML page (the
 * widget's download) or as plain text (the e-mail); every text is escaped in the page.
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
        var page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
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

    static String escape(String text) {
        var escaped = new StringBuilder(text.length());
        for (var c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
