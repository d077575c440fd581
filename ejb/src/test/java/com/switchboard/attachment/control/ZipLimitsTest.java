package com.switchboard.attachment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits a zip must keep before any detector opens it, each shown by a zip that passes it. */
class ZipLimitsTest {

    private static final ZipLimits LIMITS = ZipLimits.ATTACHMENTS;

    @TempDir
    Path dir;

    @Test
    void aDocxWhoseContentTypesAreAHugeCommentIsRefusedAsABomb() throws Exception {
        var bomb = write(SampleFiles.docxWithHugeComment(250L * 1024 * 1024));

        var e = assertThrows(ZipLimits.Exceeded.class, () -> LIMITS.check(bomb));

        assertTrue(e.getMessage().contains("expands more than 100 times"), e.getMessage());
    }

    @Test
    void realOfficeFilesPlainZipsAndOtherFilesPassAndKeepTheirTypes() throws Exception {
        assertPassesAs("application/vnd.openxmlformats-officedocument.wordprocessingml.document", SampleFiles.docx());
        assertPassesAs("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", SampleFiles.xlsx());
        assertPassesAs("application/vnd.openxmlformats-officedocument.presentationml.presentation", SampleFiles.pptx());
        assertPassesAs("application/vnd.oasis.opendocument.text", SampleFiles.odt());
        assertPassesAs("application/zip", SampleFiles.zip());
        assertPassesAs("application/msword", SampleFiles.doc());
        assertPassesAs("application/pdf", SampleFiles.pdf());
    }

    @Test
    void aLargeButOrdinaryEntryPasses() throws Exception {
        // 9 MB of letters beside a small manifest: larger than any manifest may be, well within every other limit.
        var zip = write(zip(new Entry("[Content_Types].xml", "<Types/>".getBytes()),
                new Entry("xl/worksheets/sheet1.xml", letters(9 * 1024 * 1024))));

        LIMITS.check(zip);
    }

    @Test
    void oneEntryInflatingAThousandTimesIsRefusedEvenBesideIncompressibleBytes() throws Exception {
        // The zip as a whole inflates only about six times: the bomb is in one entry.
        var zip = write(zip(new Entry("word/media/photo.jpg", random(1024 * 1024)),
                new Entry("word/document.xml", new byte[5 * 1024 * 1024])));

        var e = assertThrows(ZipLimits.Exceeded.class, () -> LIMITS.check(zip));

        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }

    @Test
    void manyEntriesEachBelowTheGraceSizeAreRefusedByTheirSum() throws Exception {
        // 300 entries of 90 KB zeros: each one is too small for its own ratio to count, together 27 MB from 30 KB.
        var entries = new Entry[300];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new Entry("part" + i + ".xml", new byte[90 * 1024]);
        }
        var zip = write(zip(entries));

        var e = assertThrows(ZipLimits.Exceeded.class, () -> LIMITS.check(zip));

        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        var entries = new Entry[ZipLimits.MAX_ENTRIES + 1];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new Entry("p" + i, new byte[0]);
        }
        LIMITS.check(write(zip(Arrays.copyOf(entries, ZipLimits.MAX_ENTRIES))));

        var e = assertThrows(ZipLimits.Exceeded.class, () -> LIMITS.check(write(zip(entries))));

        assertTrue(e.getMessage().contains("more than 10000 files"), e.getMessage());
    }

    @Test
    void aManifestLargerThanItsLimitIsRefusedWhereAnyOtherEntryWouldPass() throws Exception {
        var content = letters((int) ZipLimits.MAX_MANIFEST_SIZE + 1024);
        LIMITS.check(write(zip(new Entry("word/document.xml", content))));

        for (var name : new String[] {"[Content_Types].xml", "_rels/.rels", "mimetype", "META-INF/manifest.xml"}) {
            var zip = write(zip(new Entry(name, content)));

            var e = assertThrows(ZipLimits.Exceeded.class, () -> LIMITS.check(zip), name);

            assertTrue(e.getMessage().contains("list of contents"), e.getMessage());
        }
    }

    @Test
    void theWholeZipMayInflateToNoMoreThanItsLimit() throws Exception {
        var small = new ZipLimits(ZipLimits.MAX_ENTRIES, ZipLimits.MIN_INFLATE_RATIO, ZipLimits.GRACE_SIZE,
                8 * 1024 * 1024, ZipLimits.MAX_MANIFEST_SIZE);
        var fiveMegabytes = letters(5 * 1024 * 1024);
        small.check(write(zip(new Entry("a.xml", fiveMegabytes))));
        var zip = write(zip(new Entry("a.xml", fiveMegabytes), new Entry("b.xml", fiveMegabytes)));

        var e = assertThrows(ZipLimits.Exceeded.class, () -> small.check(zip));

        assertTrue(e.getMessage().contains("more than 8 MB"), e.getMessage());
    }

    @Test
    void aDamagedZipIsRefused() throws Exception {
        var docx = SampleFiles.docx();
        var truncated = write(Arrays.copyOf(docx, docx.length / 2));

        var e = assertThrows(ZipLimits.Exceeded.class, () -> LIMITS.check(truncated));

        assertEquals("it is a damaged archive", e.getMessage());
    }

    private void assertPassesAs(String mediaType, byte[] bytes) throws Exception {
        var file = write(bytes);
        LIMITS.check(file);
        assertEquals(mediaType, ContentDetector.detect(file));
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "sample", ".bin"), bytes);
    }

    private record Entry(String name, byte[] content) {
    }

    private static byte[] zip(Entry... entries) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (var entry : entries) {
                zip.putNextEntry(new ZipEntry(entry.name()));
                zip.write(entry.content());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Random lower-case letters: they compress to about 60 %, as far from a bomb as text gets. */
    private static byte[] letters(int length) {
        var random = new Random(length);
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + random.nextInt(26));
        }
        return bytes;
    }

    private static byte[] random(int length) {
        var bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
