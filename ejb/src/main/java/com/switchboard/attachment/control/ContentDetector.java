package com.switchboard.attachment.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * What a file is, told by Apache Tika from its bytes alone: no name and no declared type goes in, so neither can
 * lie. Tika's magic numbers know PDF, RTF, text and the images; its Microsoft container detectors look inside
 * OLE2 (DOC, XLS, PPT) and OOXML (DOCX, XLSX, PPTX) files, which magic alone only knows as "some OLE2 file" or
 * "a zip". Thread-safe.
 */
public final class ContentDetector {

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes(ContentDetector.class.getClassLoader());
    // Only detectors are loaded, never Tika's parsers (most of whose libraries are left out on purpose).
    private static final Detector DETECTOR = new DefaultDetector(TYPES, ContentDetector.class.getClassLoader());

    private ContentDetector() {
    }

    /**
     * The media type without parameters, e.g. {@code application/pdf}; {@code application/octet-stream} if unknown.
     * A zip is checked against the {@link ZipLimits} first: Tika's detectors would inflate whatever it holds.
     */
    static String detect(Path file) throws IOException, ZipLimits.Exceeded {
        ZipLimits.ATTACHMENTS.check(file);
        try (var in = TikaInputStream.get(file)) {
            return DETECTOR.detect(in, new Metadata()).getBaseType().toString();
        }
    }

    /** The file name extensions of a media type, with their dot, the usual one first. */
    public static List<String> extensions(String mediaType) {
        try {
            return TYPES.forName(mediaType).getExtensions();
        } catch (MimeTypeException e) {
            return List.of();
        }
    }
}
