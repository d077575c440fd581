package com.switchboard.attachment.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * What reading a zip may cost, checked before Tika's container detectors open it. They read some entries whole
 * into memory (OOXML's content types and relationships, ODF's mimetype and manifest) and bound nothing: a 200 KB
 * DOCX whose {@code [Content_Types].xml} is a 250 MB comment exhausts the heap. Here every entry is inflated once
 * through a small buffer, counting the bytes really inflated against the compressed bytes really read (the sizes
 * an entry declares may lie), and the file is refused as soon as it passes a limit.
 * <p>
 * The zip is read as the detectors read it: commons-compress's {@link ZipFile} (the version Tika brings) on the
 * same file, so each entry a detector reads afterwards inflates to what was measured here. Entries nobody can read
 * (encrypted, an unknown method) cost nothing. A zip inside the zip (a chart's workbook in a DOCX) is only bytes:
 * no detector opens it. Files that are no zip are not touched: Tika only opens what starts like one, and only
 * recognises other compressed formats (gzip, bzip2, 7z…) by their first bytes, without decompressing them.
 */
record ZipLimits(int maxEntries, double minInflateRatio, long graceSize, long maxInflated, long maxManifestSize) {

    /** A large presentation has a few hundred parts; the central directory of a 20 MB zip could list 250,000. */
    static final int MAX_ENTRIES = 10_000;
    /**
     * POI's own bounds for the Office files it opens ({@code ZipSecureFile}): an entry (and here the whole zip as
     * well) may inflate to at most 100 times its compressed size once past 100 KB. Office XML inflates about ten
     * times, pictures and media about once; a bomb a thousand times.
     */
    static final double MIN_INFLATE_RATIO = 0.01;
    static final long GRACE_SIZE = 100 * 1024;
    /** 50 times the largest attachment: far beyond real documents, and a bound on the time the check may take. */
    static final long MAX_INFLATED = 1024L * 1024 * 1024;
    /**
     * The entries detectors read whole into memory list about one line per part: a package at the entry limit
     * needs about 2 MB. Parsed as XML, 8 MB cost some tens of MB of heap for a moment.
     */
    static final long MAX_MANIFEST_SIZE = 8L * 1024 * 1024;

    static final ZipLimits ATTACHMENTS = new ZipLimits(MAX_ENTRIES, MIN_INFLATE_RATIO, GRACE_SIZE, MAX_INFLATED,
            MAX_MANIFEST_SIZE);

    /** Why a zip was refused, said for its sender. */
    static final class Exceeded extends Exception {
        Exceeded(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Returns if the file is no zip or stays within the limits; otherwise throws as soon as it passes one. An
     * {@link IOException} is the file's own: one that cannot be read as a zip is refused as damaged.
     */
    void check(Path file) throws IOException, Exceeded {
        if (!startsLikeZip(file)) {
            return;
        }
        // Before the zip is opened: the parser keeps every entry of the central directory in memory (a 20 MB zip
        // of empty entries costs it hundreds of MB), and it stops at no count.
        if (centralDirectoryRecords(file) > maxEntries) {
            throw new Exceeded("it holds more than " + maxEntries + " files");
        }
        long fileSize = Files.size(file);
        try (var zip = ZipFile.builder().setPath(file).get()) {
            long inflated = 0;
            var buffer = new byte[64 * 1024];
            for (var entry : Collections.list(zip.getEntries())) {
                inflated = inflate(zip, entry, buffer, inflated, fileSize);
            }
        } catch (IOException e) {
            throw new Exceeded("it is a damaged archive");
        }
    }

    /** Inflates one entry into the buffer and throws it away; returns the zip's inflated bytes so far. */
    private long inflate(ZipFile zip, ZipArchiveEntry entry, byte[] buffer, long inflatedBefore, long fileSize)
            throws IOException, Exceeded {
        if (!zip.canReadEntryData(entry)) {
            return inflatedBefore;
        }
        boolean manifest = isManifest(entry.getName());
        long inflated = inflatedBefore;
        long entrySize = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            if (!(in instanceof InputStreamStatistics counts)) {
                throw new Exceeded("it is compressed in a way that cannot be checked");
            }
            for (int read; (read = in.read(buffer)) != -1; ) {
                entrySize += read;
                inflated += read;
                if (entrySize > graceSize && counts.getCompressedCount() < entrySize * minInflateRatio
                        || inflated > graceSize && fileSize < inflated * minInflateRatio) {
                    throw new Exceeded("it expands more than " + Math.round(1 / minInflateRatio)
                            + " times when unpacked (a zip bomb)");
                }
                if (inflated > maxInflated) {
                    throw new Exceeded("it expands to more than " + maxInflated / (1024 * 1024) + " MB when unpacked");
                }
                if (manifest && entrySize > maxManifestSize) {
                    throw new Exceeded("its list of contents expands to more than "
                            + maxManifestSize / (1024 * 1024) + " MB");
                }
            }
        }
        return inflated;
    }

    /** Tika takes a file for a zip by these first bytes only (commons-compress's signatures). */
    private static boolean startsLikeZip(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            var signature = in.readNBytes(4);
            return ZipArchiveInputStream.matches(signature, signature.length);
        }
    }

    /**
     * How often the signature that begins each record of a central directory occurs anywhere in the file: no
     * reader, however the records are arranged, can find more entries than that.
     */
    private static long centralDirectoryRecords(Path file) throws IOException {
        long count = 0;
        var buffer = new byte[64 * 1024 + 3];
        int carried = 0;
        try (var in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer, carried, buffer.length - carried)) != -1; ) {
                int end = carried + read;
                for (int i = 0; i + 3 < end; i++) {
                    if (buffer[i] == 'P' && buffer[i + 1] == 'K' && buffer[i + 2] == 1 && buffer[i + 3] == 2) {
                        count++;
                    }
                }
                // A signature may straddle two reads: its first bytes are looked at again with the next ones.
                carried = Math.min(3, end);
                System.arraycopy(buffer, end - carried, buffer, 0, carried);
            }
        }
        return count;
    }

    /**
     * The entries a detector reads whole: OOXML's content types and relationships, ODF's mimetype, and the
     * manifests of ODF, StarOffice and Java archives.
     */
    private static boolean isManifest(String name) {
        var lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("[content_types].xml") || lower.endsWith(".rels") || lower.equals("mimetype")
                || lower.startsWith("meta-inf/");
    }
}
