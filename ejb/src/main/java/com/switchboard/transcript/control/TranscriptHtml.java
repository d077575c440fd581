package com.switchboard.transcript.control;

import static com.switchboard.documents.HtmlText.escape;

import com.switchboard.transcript.boundary.StaffTranscript.Entry;
import com.switchboard.transcript.boundary.StaffTranscript.Kind;
import com.switchboard.transcript.boundary.StaffTranscript;
import java.util.Locale;

/**
 * A staff transcript as one printable HTML page: no script, no outside resource (its own policy says so even
 * when it is opened from a disk), every text escaped, each message's direction its own ({@code dir="auto"}).
 */
public final class TranscriptHtml {

    private static final String STYLE = "body{font:14px/1.45 system-ui,sans-serif;max-width:820px;margin:24px auto;"
            + "padding:0 16px;color:#1d2939}h1{font-size:20px;margin:0 0 4px}.scope,.meta,.why{color:#667085}"
            + ".scope{font-size:13px}dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;"
            + "margin:12px 0 20px}dt{color:#667085}dd{margin:0}ol.transcript{list-style:none;padding:0}"
            + "li.entry{margin:0 0 10px;padding:6px 8px;break-inside:avoid}.meta{font-size:12px}"
            + "li.private{background:#fff6e0;border-left:3px solid #d97706}.mark{font-size:11px;font-weight:600;"
            + "color:#9a3412;text-transform:uppercase}li.event{padding:2px 8px;font-size:13px}"
            + ".text{white-space:pre-wrap;overflow-wrap:anywhere;margin:2px 0}ul,ol.options{margin:2px 0}"
            + ".options .picked{font-weight:600}@media print{body{margin:0;max-width:none}}";

    private TranscriptHtml() {
    }

    public static String of(StaffTranscript transcript) {
        var page = new StringBuilder(4096 + transcript.entries().size() * 256);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\"><title>").append(escape(transcript.title()))
                .append("</title>\n<style>").append(STYLE).append("</style></head><body>\n<h1>")
                .append(escape(transcript.title())).append("</h1>\n<p class=\"scope\">")
                .append(escape(TranscriptText.SCOPE)).append(' ').append(escape(TranscriptText.generated(transcript)))
                .append("</p>\n<dl class=\"facts\">");
        for (var fact : TranscriptText.facts(transcript.facts())) {
            page.append("<dt>").append(escape(fact[0])).append("</dt><dd dir=\"auto\">").append(escape(fact[1]))
                    .append("</dd>");
        }
        page.append("</dl>\n<ol class=\"transcript\">\n");
        transcript.entries().forEach(entry -> entry(page, entry));
        return page.append("</ol>\n</body></html>\n").toString();
    }

    private static void entry(StringBuilder page, Entry entry) {
        var kind = entry.kind().name().toLowerCase(Locale.ROOT);
        page.append("<li class=\"entry ").append(kind).append(entry.kind().isPrivate() ? " private" : "").append('"');
        if (entry.seq() != null) {
            page.append(" id=\"seq-").append(entry.seq()).append('"');
        }
        page.append("><div class=\"meta\"><time>").append(escape(TranscriptText.time(entry.at()))).append("</time>");
        if (entry.kind() == Kind.EVENT) {
            page.append("</div><strong class=\"what\">").append(escape(entry.who())).append("</strong>");
            if (entry.text() != null && !entry.text().isBlank()) {
                page.append(" <span class=\"why\" dir=\"auto\">").append(escape(entry.text())).append("</span>");
            }
            page.append("</li>\n");
            return;
        }
        page.append(" · <strong class=\"who\">").append(escape(TranscriptText.byline(entry))).append("</strong>");
        var mark = TranscriptText.privateMark(entry);
        if (mark != null) {
            page.append(" <span class=\"mark\">").append(escape(mark)).append("</span>");
        }
        if (entry.quoteSeq() != null) {
            page.append(" · in reply to <a href=\"#seq-").append(entry.quoteSeq()).append("\">#")
                    .append(entry.quoteSeq()).append("</a>");
        }
        page.append("</div>");
        if (entry.text() != null && !entry.text().isEmpty()) {
            page.append("<p class=\"text\" dir=\"auto\">").append(escape(entry.text())).append("</p>");
        }
        if (!entry.options().isEmpty()) {
            page.append("<div class=\"meta\">").append(escape(TranscriptText.optionsHeading(entry)))
                    .append("</div><ol class=\"options\">");
            for (int i = 0; i < entry.options().size(); i++) {
                boolean picked = entry.picked() != null && entry.picked() == i;
                page.append(picked ? "<li class=\"picked\" dir=\"auto\">" : "<li dir=\"auto\">")
                        .append(escape(TranscriptText.option(entry, i))).append("</li>");
            }
            page.append("</ol>");
        }
        if (!entry.files().isEmpty()) {
            page.append("<div class=\"meta\">Files:</div><ul class=\"files\">");
            entry.files().forEach(file -> page.append("<li dir=\"auto\">").append(escape(TranscriptText.file(file)))
                    .append("</li>"));
            page.append("</ul>");
        }
        page.append("</li>\n");
    }
}
