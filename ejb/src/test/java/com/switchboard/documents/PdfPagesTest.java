package com.switchboard.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.documents.PdfPages.Line;
import com.switchboard.documents.PdfPages.Style;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Hostile text makes a readable PDF; the text is read back with PDFBox, not with the library that wrote it. */
class PdfPagesTest {

    @Test
    void everyScriptTheFontsHaveIsWrittenAndReadBack() throws IOException {
        var text = text(List.of(new Line(Style.TEXT, "Grüße — ελληνικά, кириллица"),
                new Line(Style.TEXT, "中文 日本語のかな 한국어"),
                new Line(Style.TEXT, "Thanks 😀 done")));
        assertTrue(text.contains("Grüße — ελληνικά, кириллица"), text);
        assertTrue(text.contains("中文 日本語のかな 한국어"), text);
        assertTrue(text.contains("Thanks 😀 done"), text);
    }

    @Test
    void rightToLeftLinesAreWritten() throws IOException {
        var text = text(List.of(new Line(Style.TEXT, "שלום עולם"), new Line(Style.TEXT, "مرحبا بالعالم"),
                new Line(Style.TEXT, "Order 42: תודה")));
        // Laid out right to left, the Arabic letters joined: a reader gives back the words as written.
        assertTrue(text.contains("שלום עולם"), text);
        assertTrue(text.contains("مرحبا بالعالم"), text);
        assertTrue(text.contains("Order 42: תודה"), text);
    }

    @Test
    void aCharacterNoFontHasBecomesTheReplacementCharacterAndNothingFails() throws IOException {
        var text = text(List.of(new Line(Style.TEXT, "ok 👍 \uD83C\uDDE9\uD83C\uDDEA \uD800 \u0007 ๑ end"),
                new Line(Style.STRONG, "bold 👍 end")));
        assertTrue(text.contains("ok � �� � � � end"), text);
        assertTrue(text.contains("bold � end"), text);
    }

    @Test
    void aWordLongerThanALineIsBrokenAndKeptWhole() throws IOException {
        var word = "x".repeat(5000);
        var text = text(List.of(new Line(Style.TEXT, word), new Line(Style.TEXT, "a\r\nb\rc\td")));
        assertEquals(5000, text.chars().filter(c -> c == 'x').count());
        assertTrue(text.contains("a\nb\nc    d") || text.contains("a\r\nb\r\nc    d"), text);
    }

    @Test
    void emptyLinesAndBlocksAreLeftOut() throws IOException {
        var pdf = new ByteArrayOutputStream();
        try (var pages = new PdfPages(pdf, "Title", "Footer")) {
            pages.block(List.of(new Line(Style.TEXT, ""), new Line(Style.META, null)), true);
            pages.block(List.of(), false);
        }
        var text = read(pdf.toByteArray());
        assertTrue(text.startsWith("Title"), text);
        assertTrue(text.contains("Footer · 1"), text);
    }

    private static String text(List<Line> lines) throws IOException {
        var pdf = new ByteArrayOutputStream();
        try (var pages = new PdfPages(pdf, "A test", "Footer")) {
            pages.block(lines, false);
        }
        return read(pdf.toByteArray());
    }

    static String read(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
