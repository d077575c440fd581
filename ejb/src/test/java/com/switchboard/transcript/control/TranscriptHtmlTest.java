package com.switchboard.transcript.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.transcript.boundary.StaffTranscript;
import com.switchboard.transcript.boundary.StaffTranscript.Entry;
import com.switchboard.transcript.boundary.StaffTranscript.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class TranscriptHtmlTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private final StaffTranscript transcript = new StaffTranscript(
            new StaffTranscript.Facts(12, 3, "Shop <Support>", "WIDGET", "CLOSED", "Lou <script>", "lou@example.com",
                    true, T, T.plusSeconds(600), null, "Ada", null, "Ada", List.of("Ada", "Bob"), List.of("vip"),
                    "4/5 (satisfied)", "Quick & <b>kind</b>"),
            List.of(new Entry(Kind.VISITOR, T, 1L, "Lou <script>", null, "Is <b>this</b> in stock?", null, List.of(),
                            null, List.of(new StaffTranscript.File("<x>.png", "image/png", 2048))),
                    Entry.event(T.plusSeconds(1), "Assigned to Ada", "Sue assigned it."),
                    new Entry(Kind.AGENT, T.plusSeconds(2), 2L, "Ada", "Acme Support", "Which size?", 1L,
                            List.of("Small", "Large"), 1, List.of()),
                    new Entry(Kind.NOTE, T.plusSeconds(3), 3L, "Ada", null, "secret: VIP", null, List.of(), null,
                            List.of()),
                    new Entry(Kind.AGENT, T.plusSeconds(4), 4L, "Ada", null, "שלום", null, List.of("A", "B"), null,
                            List.of())),
            T.plusSeconds(900), "Sue");

    @Test
    void thePageEscapesEveryTextAndRunsNothing() {
        var html = transcript.html();
        assertTrue(html.contains("Is &lt;b&gt;this&lt;/b&gt; in stock?"), html);
        assertTrue(html.contains("Lou &lt;script&gt;"), html);
        assertTrue(html.contains("&lt;x&gt;.png (image/png, 2.0 KB)"), html);
        assertTrue(html.contains("Quick &amp; &lt;b&gt;kind&lt;/b&gt;"), html);
        assertFalse(html.contains("<script") || html.contains("<b>") || html.contains("<x>"), html);
        assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""), html);
    }

    @Test
    void notesAreMarkedAndAgentsNamedWithTheNameTheVisitorSaw() {
        var html = transcript.html();
        assertTrue(html.contains("<li class=\"entry note private\" id=\"seq-3\">"), html);
        assertTrue(html.contains("Private note · never shown to the visitor"), html);
        assertTrue(html.contains("#2 · Ada (shown to the visitor as Acme Support)"), html);
        assertTrue(html.contains("in reply to <a href=\"#seq-1\">#1</a>"), html);
        assertTrue(html.contains("<li class=\"picked\" dir=\"auto\">Large ← the visitor&#39;s choice</li>"), html);
        assertTrue(html.contains("Options offered (not answered):"), html);
        assertTrue(html.contains("<strong class=\"what\">Assigned to Ada</strong> <span class=\"why\" dir=\"auto\">"
                + "Sue assigned it.</span>"), html);
        assertTrue(html.contains("<dt>Customer</dt><dd dir=\"auto\">Lou &lt;script&gt; &lt;lou@example.com&gt; "
                + "(verified by the site)</dd>"), html);
    }

    @Test
    void thePdfHoldsTheSameWords() throws IOException {
        var pdf = new ByteArrayOutputStream();
        transcript.pdf(pdf);
        String text;
        try (var document = Loader.loadPDF(pdf.toByteArray())) {
            text = new PDFTextStripper().getText(document);
        }
        assertTrue(text.contains("Conversation #12 · Shop <Support>"), text);
        assertTrue(text.contains("Private note · never shown to the visitor"), text);
        assertTrue(text.contains("secret: VIP"), text);
        assertTrue(text.contains("2. Large ← the visitor's choice"), text);
        assertTrue(text.contains("Assigned to Ada"), text);
        assertTrue(text.contains("File: <x>.png (image/png, 2.0 KB)"), text);
        assertTrue(text.contains("שלום"), text);
    }
}
