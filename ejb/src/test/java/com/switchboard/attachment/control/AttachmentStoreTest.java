package com.switchboard.attachment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.inbox.entity.AttachmentType;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.persistence.control.FreeSpace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receiving uploads: type from content only, limits while streaming, nothing left behind when refused. */
class AttachmentStoreTest {

    @TempDir
    Path dir;

    AttachmentStore store;

    @BeforeEach
    void store() {
        store = new AttachmentStore();
        store.dir = dir.toString();
        store.freeSpace = freeSpace(Long.MAX_VALUE);
    }

    @Test
    void anUploadIsRefusedWhileTheStorageIsAlmostFull() {
        store.freeSpace = freeSpace(1024);

        var refused = assertThrows(RequestRejectedException.class, () -> store.receive("note.txt",
                new ByteArrayInputStream("a short note".getBytes(StandardCharsets.UTF_8))));
        assertEquals("attachment.storage-full", refused.code());
        assertEquals(RequestRejectedException.Kind.UNAVAILABLE, refused.kind());
        assertNotNull(refused.retryAfter());
    }

    @Test
    void everyAcceptedKindIsRecognisedByItsContentWhateverItsName() throws Exception {
        var samples = Map.ofEntries(
                Map.entry(AttachmentType.PDF, SampleFiles.pdf()),
                Map.entry(AttachmentType.DOC, SampleFiles.doc()),
                Map.entry(AttachmentType.DOCX, SampleFiles.docx()),
                Map.entry(AttachmentType.PPT, SampleFiles.ppt()),
                Map.entry(AttachmentType.PPTX, SampleFiles.pptx()),
                Map.entry(AttachmentType.XLS, SampleFiles.xls()),
                Map.entry(AttachmentType.XLSX, SampleFiles.xlsx()),
                Map.entry(AttachmentType.TXT, SampleFiles.text()),
                Map.entry(AttachmentType.RTF, SampleFiles.rtf()),
                Map.entry(AttachmentType.JPG, SampleFiles.image("jpeg")),
                Map.entry(AttachmentType.PNG, SampleFiles.image("png")),
                Map.entry(AttachmentType.GIF, SampleFiles.image("gif")),
                Map.entry(AttachmentType.BMP, SampleFiles.image("bmp")),
                Map.entry(AttachmentType.WEBP, SampleFiles.webp()),
                Map.entry(AttachmentType.TIFF, SampleFiles.image("tiff")),
                Map.entry(AttachmentType.HEIC, SampleFiles.heic()));
        assertEquals(AttachmentType.values().length, samples.size(), "a sample of every kind");

        for (var sample : samples.entrySet()) {
            // A misleading name on purpose: only the bytes count.
            var received = store.receive("upload.bin", new ByteArrayInputStream(sample.getValue()));

            assertEquals(sample.getKey(), received.type(), () -> sample.getKey() + " detected as " + received.mediaType());
            assertEquals(sample.getValue().length, received.size());
            assertEquals(sample.getValue().length, Files.size(received.temporary()));
            store.discard(received);
        }
        assertEquals(List.of(), leftovers(), "discarded uploads leave nothing");
    }

    @Test
    void officeFormatsGetTheirOwnTypeNotTheirContainers() throws Exception {
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ContentDetector.detect(write(SampleFiles.docx())));
        assertEquals("application/msword", ContentDetector.detect(write(SampleFiles.doc())));
        assertEquals("application/zip", ContentDetector.detect(write(SampleFiles.zip())),
                "a zip that is no Office package stays a zip");
    }

    @Test
    void htmlExecutablesSvgAndPlainZipsAreRefusedWhateverTheyAreCalled() {
        for (var disguised : List.of(SampleFiles.html(), SampleFiles.exe(), SampleFiles.svg(), SampleFiles.zip())) {
            var e = assertThrows(RequestRejectedException.class,
                    () -> store.receive("holiday.png", new ByteArrayInputStream(disguised)));
            assertEquals("attachment.type", e.code());
            assertTrue(e.getMessage().contains("holiday.png"), e.getMessage());
        }
        assertEquals(List.of(), leftovers(), "a refused upload leaves no temporary file");
    }

    @Test
    void aDocxWhoseContentTypesInflateToAQuarterGigabyteIsRefusedAsUnsafe() {
        var bomb = SampleFiles.docxWithHugeComment(250L * 1024 * 1024);
        assertTrue(bomb.length < 1024 * 1024, "a small upload: " + bomb.length);

        var e = assertThrows(RequestRejectedException.class,
                () -> store.receive("report.docx", new ByteArrayInputStream(bomb)));

        assertEquals("attachment.unsafe", e.code());
        assertTrue(e.getMessage().contains("report.docx"), e.getMessage());
        assertEquals(List.of(), leftovers(), "a refused upload leaves no temporary file");
    }

    @Test
    void anErrorWhileReceivingLeavesNoTemporaryFile() {
        // 1000 letters, then the Error an exhausted heap throws.
        var failing = new Letters(Long.MAX_VALUE) {
            @Override
            public int read(byte[] b, int off, int len) {
                if (served >= 1000) {
                    throw new OutOfMemoryError("simulated while receiving");
                }
                return super.read(b, off, (int) Math.min(len, 1000 - served));
            }
        };

        assertThrows(OutOfMemoryError.class, () -> store.receive("big.txt", failing));
        assertEquals(1000, failing.served, "the upload had begun to be written");
        assertEquals(List.of(), leftovers(), "not even an Error leaves the temporary file behind");
    }

    @Test
    void uploadsAbandonedLongAgoAreDeletedAndThoseOfLiveNodesAreNot() throws Exception {
        var incoming = Files.createDirectories(dir.resolve("incoming"));
        var abandoned = Files.writeString(incoming.resolve("0123abcd.part"), "left by a crashed node");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        var receiving = Files.writeString(incoming.resolve("4567ef01.part"), "another node is writing this");
        var other = Files.writeString(incoming.resolve("notes.txt"), "not an upload");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        assertEquals(1, store.deleteAbandonedUploads(Duration.ofHours(1)));

        assertTrue(Files.notExists(abandoned));
        assertTrue(Files.exists(receiving), "a file another node may be writing stays");
        assertTrue(Files.exists(other), "only temporary uploads are deleted");
    }

    @Test
    void aStoreThatNeverReceivedAnythingHasNothingToSweep() {
        assertEquals(0, store.deleteAbandonedUploads(Duration.ofHours(1)));
    }

    @Test
    void anEmptyFileIsRefused() {
        var e = assertThrows(RequestRejectedException.class,
                () -> store.receive("empty.txt", new ByteArrayInputStream(new byte[0])));
        assertEquals("attachment.empty", e.code());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void twentyMegabytesPassAndOneByteMoreIsRefusedWhileStreaming() throws Exception {
        long limit = 20L * 1024 * 1024;
        var received = store.receive("big.txt", new Letters(limit));
        assertEquals(limit, received.size());
        assertEquals(AttachmentType.TXT, received.type());
        store.discard(received);

        var endless = new Letters(Long.MAX_VALUE);
        var e = assertThrows(RequestRejectedException.class, () -> store.receive("huge.txt", endless));
        assertEquals("attachment.too-large", e.code());
        assertTrue(endless.served <= limit + 64 * 1024, "stopped reading soon after the limit: " + endless.served);
        assertEquals(List.of(), leftovers());
    }

    @Test
    void theNameIsCleanedAndTheHashIsOfTheContent() throws Exception {
        var bytes = SampleFiles.pdf();
        var received = store.receive("C:\\Users\\ann\\Rech\u202Enung 05.pdf", new ByteArrayInputStream(bytes));

        assertEquals("Rechnung 05.pdf", received.name());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), received.sha256());
        store.discard(received);
    }

    @Test
    void storageNamesAreRandomAndStayInsideTheDirectory() {
        var name = store.newStorageName();
        assertTrue(name.matches("[0-9a-f]{2}/[0-9a-f]{32}"), name);
        assertTrue(store.stored(name).startsWith(dir));
        assertThrows(IllegalArgumentException.class, () -> store.stored("../../etc/passwd"));
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "sample", ".bin"), bytes);
    }

    private List<Path> leftovers() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code length} letters, generated as they are read: a large upload without a large array. */
    private static class Letters extends InputStream {
        private final long length;
        long served;

        Letters(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            return served < length ? 'a' + (int) (served++ % 26) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - served);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ('a' + (int) ((served + i) % 26));
            }
            served += n;
            return n;
        }
    }

    /** The storage as it stands: {@code usable} bytes free, at least a megabyte wanted. */
    private FreeSpace freeSpace(long usable) {
        return new FreeSpace() {
            @Override
            public Reading read() {
                return new Reading(dir, usable, 1024 * 1024);
            }
        };
    }
}
