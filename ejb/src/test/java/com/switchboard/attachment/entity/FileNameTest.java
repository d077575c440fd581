package com.switchboard.attachment.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileNameTest {

    private static final List<String> PDF = List.of(".pdf");
    private static final List<String> JPEG = List.of(".jpg", ".jpeg", ".jpe");

    @Test
    void pathsAreCutOffOnEitherSlash() {
        assertEquals("report.pdf", FileName.forDisplay("/etc/../home/ann/report.pdf", PDF));
        assertEquals("report.pdf", FileName.forDisplay("C:\\Users\\ann\\report.pdf", PDF));
        assertEquals("report.pdf", FileName.forDisplay("../../report.pdf", PDF));
    }

    @Test
    void invisibleAndDirectionChangingCharactersGoAndForbiddenOnesAreReplaced() {
        // U+202E would show "invoice_fdp.exe" as "invoice_exe.pdf".
        assertEquals("invoice_fdp.exe.pdf", FileName.forDisplay("invoice_\u202Efdp.exe", PDF));
        assertEquals("a_b_c_.pdf", FileName.forDisplay("a<b>c?.pdf", PDF));
        assertEquals("line break.pdf", FileName.forDisplay("line\r\n break\u0000.pdf", PDF));
        assertEquals("zero.pdf", FileName.forDisplay("ze\u200Bro.pdf", PDF));
    }

    @Test
    void leadingDotsTrailingDotsAndBlanksAreTrimmedAndNothingBecomesAFallback() {
        assertEquals("bashrc.pdf", FileName.forDisplay("..bashrc", PDF));
        assertEquals("notes.pdf", FileName.forDisplay("  notes.pdf . ", PDF));
        assertEquals("attachment.pdf", FileName.forDisplay(null, PDF));
        assertEquals("attachment.pdf", FileName.forDisplay("\u202E\u0007", PDF));
    }

    @Test
    void theExtensionFollowsTheContent() {
        assertEquals("holiday.JPEG", FileName.forDisplay("holiday.JPEG", JPEG), "any extension of the type will do");
        assertEquals("holiday.png.jpg", FileName.forDisplay("holiday.png", JPEG));
        assertEquals("setup.exe.pdf", FileName.forDisplay("setup.exe", PDF));
        assertEquals("Grüße.pdf", FileName.forDisplay("Gru\u0308ße.pdf", PDF), "composed (NFC) as people type it");
    }

    @Test
    void longNamesAreShortenedKeepingTheExtension() {
        var name = FileName.forDisplay("x".repeat(500) + ".pdf", PDF);
        assertEquals(FileName.MAX_LENGTH, name.length());
        assertTrue(name.endsWith("x.pdf"));
        var emoji = FileName.forDisplay("😀".repeat(300) + ".pdf", PDF);
        assertEquals(FileName.MAX_LENGTH, emoji.codePointCount(0, emoji.length()), "counted as people see them");
    }
}
