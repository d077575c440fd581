package com.switchboard.conversation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ChatLogTest {

    private final ChatLog log = new ChatLog("Shop <Support>", 7, List.of(
            new ChatLog.Line(Instant.parse("2026-12-01T09:00:00Z"), "You", "Is <b>this</b> \"in\" stock & cheap?",
                    List.of()),
            new ChatLog.Line(Instant.parse("2026-12-01T09:01:30Z"), "Ann <admin>", "", List.of("<x>.pdf", "b.png"))));

    @Test
    void thePageEscapesEveryText() {
        var html = log.html();
        assertTrue(html.contains("<title>Your chat with Shop &lt;Support&gt;</title>"), html);
        assertTrue(html.contains("Is &lt;b&gt;this&lt;/b&gt; &quot;in&quot; stock &amp; cheap?"), html);
        assertTrue(html.contains("Ann &lt;admin&gt; · 2026-12-01 09:01 UTC"), html);
        assertTrue(html.contains("Files: &lt;x&gt;.pdf, b.png"), html);
        assertFalse(html.contains("<b>") || html.contains("<x>") || html.contains("<admin>"));
        assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""), html);
    }

    @Test
    void theTextIsAsWritten() {
        assertEquals("""
                Your chat with Shop <Support>

                You · 2026-12-01 09:00 UTC
                Is <b>this</b> "in" stock & cheap?

                Ann <admin> · 2026-12-01 09:01 UTC
                Files: <x>.pdf, b.png

                """, log.text());
    }

    @Test
    void thePdfHoldsTheSameWords() throws IOException {
        String text;
        try (var document = Loader.loadPDF(log.pdf())) {
            text = new PDFTextStripper().getText(document);
        }
        assertTrue(text.startsWith("Your chat with Shop <Support>"), text);
        assertTrue(text.contains("You · 2026-12-01 09:00 UTC\nIs <b>this</b> \"in\" stock & cheap?"), text);
        assertTrue(text.contains("Ann <admin> · 2026-12-01 09:01 UTC\nFiles: <x>.pdf, b.png"), text);
    }
}
