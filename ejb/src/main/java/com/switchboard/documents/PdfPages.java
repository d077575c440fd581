package com.switchboard.documents;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.text.Bidi;
import java.util.List;

/**
 * Pages of text people keep (a visitor's chat log, a staff transcript) as an A4 PDF: a title, then lines and
 * blocks of lines in a few styles, a footer with the page number. Any text a chat can hold is written without
 * failing: each character takes the first font that has it — DejaVu Sans (Latin, Greek, Cyrillic, Hebrew,
 * Arabic, many symbols and emoticons; embedded, so no reader's or server's fonts matter), then the standard CJK
 * fonts of PDF readers (Chinese, Japanese kana, Korean Hangul; not embedded: the reader draws them with its own
 * CJK fonts, the text is in the file either way) — and a character none of them has shows as U+FFFD. Each line's direction is its text's own (the first strong character, as HTML's
 * {@code dir=auto}), so Hebrew and Arabic read right to left and Arabic letters are joined; a word longer than a
 * line is broken where the line ends.
 */
public final class PdfPages implements AutoCloseable {

    public enum Style { TITLE, HEADING, STRONG, TEXT, META, MARK }

    /** One line of a page (a paragraph: it wraps and may hold line breaks). */
    public record Line(Style style, String text) {
    }

    private static final Color TEXT_COLOUR = new Color(0x1d, 0x29, 0x39);
    private static final Color MUTED_COLOUR = new Color(0x66, 0x70, 0x85);
    private static final Color MARK_COLOUR = new Color(0x9a, 0x34, 0x12);
    private static final Color HIGHLIGHT = new Color(0xff, 0xf6, 0xe0);
    private static final char REPLACEMENT = '\uFFFD';

    private final Document document;

    /** Opens the document on {@code out}: {@code title} heads its first page, {@code footer} every page's foot. */
    public PdfPages(OutputStream out, String title, String footer) {
        document = new Document(PageSize.A4, 48, 48, 48, 56);
        try {
            var writer = PdfWriter.getInstance(document, out);
            // The caller's stream: a response, or one entry of a zip that goes on after this document.
            writer.setCloseStream(false);
            writer.setPageEvent(new Footer(footer));
        } catch (DocumentException e) {
            throw new IllegalStateException("A PDF writer could not be made", e);
        }
        document.addTitle(title);
        document.addCreator("Switchboard");
        document.open();
        line(new Line(Style.TITLE, title));
    }

    /** A line on its own. */
    public void line(Line line) {
        block(List.of(line), false);
    }

    /** Lines that belong together (one entry of a log), on a tinted background when {@code highlighted}. */
    public void block(List<Line> lines, boolean highlighted) {
        var table = new PdfPTable(1);
        table.setWidthPercentage(100);
        table.setSpacingAfter(6);
        for (var line : lines) {
            if (line.text() == null || line.text().isEmpty()) {
                continue;
            }
            var cell = new PdfPCell(phrase(line.text(), line.style()));
            cell.setBorder(PdfPCell.NO_BORDER);
            cell.setPaddingTop(line.style() == Style.TITLE ? 0 : 1);
            cell.setPaddingBottom(line.style() == Style.TITLE ? 10 : 2);
            cell.setPaddingLeft(highlighted ? 6 : 0);
            cell.setPaddingRight(highlighted ? 6 : 0);
            cell.setRunDirection(leftToRight(line.text()) ? PdfWriter.RUN_DIRECTION_LTR : PdfWriter.RUN_DIRECTION_RTL);
            if (highlighted) {
                cell.setBackgroundColor(HIGHLIGHT);
            }
            table.addCell(cell);
        }
        if (table.size() == 0) {
            return;
        }
        try {
            document.add(table);
        } catch (DocumentException e) {
            throw new IllegalStateException("A block could not be added to the PDF", e);
        }
    }

    /** Ends the document: the PDF is complete on the stream (which stays open). */
    @Override
    public void close() {
        document.close();
    }

    /** The base direction of a paragraph, by its first strong character (left to right when it has none). */
    static boolean leftToRight(String text) {
        return new Bidi(text, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT).baseIsLeftToRight();
    }

    /** The text in runs of one font each: every character in the first font that has it, or U+FFFD. */
    static Phrase phrase(String text, Style style) {
        var phrase = new Phrase();
        var run = new StringBuilder();
        BaseFont runFont = null;
        var primary = style == Style.TEXT || style == Style.META ? Fonts.REGULAR : Fonts.BOLD;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            String shown;
            BaseFont font;
            if (codePoint == '\r') {
                // "\r\n" is one break, a lone "\r" one too.
                if (i < text.length() && text.charAt(i) == '\n') {
                    continue;
                }
                codePoint = '\n';
            }
            if (codePoint == '\n') {
                shown = "\n";
                font = runFont == null ? primary : runFont;
            } else if (codePoint == '\t') {
                shown = "    ";
                font = primary;
            } else {
                font = fontFor(codePoint, primary);
                shown = font == null || Character.getType(codePoint) == Character.CONTROL
                        || Character.getType(codePoint) == Character.SURROGATE
                        ? String.valueOf(REPLACEMENT) : new String(Character.toChars(codePoint));
                if (font == null || shown.charAt(0) == REPLACEMENT) {
                    font = primary;
                }
            }
            if (font != runFont && !run.isEmpty()) {
                phrase.add(new Chunk(run.toString(), font(runFont, style)));
                run.setLength(0);
            }
            runFont = font;
            run.append(shown);
        }
        if (!run.isEmpty()) {
            phrase.add(new Chunk(run.toString(), font(runFont, style)));
        }
        return phrase;
    }

    private static BaseFont fontFor(int codePoint, BaseFont primary) {
        if (primary.charExists(codePoint)) {
            return primary;
        }
        if (primary != Fonts.REGULAR && Fonts.REGULAR.charExists(codePoint)) {
            return Fonts.REGULAR;
        }
        if (codePoint <= Character.MAX_VALUE) {
            // The CJK fonts map the Basic Multilingual Plane only.
            for (var cjk : Fonts.CJK) {
                if (cjk.charExists(codePoint)) {
                    return cjk;
                }
            }
        }
        return null;
    }

    private static Font font(BaseFont base, Style style) {
        return switch (style) {
            case TITLE -> new Font(base, 16, Font.NORMAL, TEXT_COLOUR);
            case HEADING -> new Font(base, 12, Font.NORMAL, TEXT_COLOUR);
            case STRONG, TEXT -> new Font(base, 10, Font.NORMAL, TEXT_COLOUR);
            case META -> new Font(base, 8, Font.NORMAL, MUTED_COLOUR);
            case MARK -> new Font(base, 8, Font.NORMAL, MARK_COLOUR);
        };
    }

    /** The footer and page number of every page. */
    private static final class Footer extends PdfPageEventHelper {

        private final String text;

        Footer(String text) {
            this.text = text;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            var footer = phrase(text + " · " + writer.getPageNumber(), Style.META);
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER, footer,
                    (document.left() + document.right()) / 2, document.bottom() - 24, 0,
                    PdfWriter.RUN_DIRECTION_LTR, 0);
        }
    }

    /**
     * Loaded once and shared: a font's own data is only read while documents are written (each document subsets
     * it from a copy of its own).
     */
    private static final class Fonts {

        private static final String DEJAVU = "/net/sf/jasperreports/fonts/dejavu/";
        static final BaseFont REGULAR = embedded("DejaVuSans.ttf");
        static final BaseFont BOLD = embedded("DejaVuSans-Bold.ttf");
        static final List<BaseFont> CJK = List.of(standard("STSong-Light", "UniGB-UCS2-H"),
                standard("HYGoThic-Medium", "UniKS-UCS2-H"));

        private static BaseFont embedded(String file) {
            try (var in = PdfPages.class.getResourceAsStream(DEJAVU + file)) {
                if (in == null) {
                    throw new IllegalStateException("The font " + file + " is missing from the class path");
                }
                return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, in.readAllBytes(),
                        null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (DocumentException e) {
                throw new IllegalStateException("The font " + file + " could not be read", e);
            }
        }

        private static BaseFont standard(String name, String encoding) {
            try {
                return BaseFont.createFont(name, encoding, BaseFont.NOT_EMBEDDED);
            } catch (DocumentException | IOException e) {
                throw new IllegalStateException("The font " + name + " could not be read", e);
            }
        }
    }
}
