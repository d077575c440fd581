package com.switchboard.inbox.entity;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of file an inbox may accept; what a file is gets decided by its content, never its name. Each kind
 * lists the media types a content detector reports for it.
 */
public enum AttachmentType {
    PDF(false, "application/pdf"),
    DOC(false, "application/msword"),
    DOCX(false, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    PPT(false, "application/vnd.ms-powerpoint"),
    PPTX(false, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    XLS(false, "application/vnd.ms-excel"),
    XLSX(false, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    TXT(false, "text/plain"),
    RTF(false, "application/rtf"),
    JPG(true, "image/jpeg"),
    PNG(true, "image/png"),
    GIF(true, "image/gif"),
    BMP(true, "image/bmp"),
    WEBP(true, "image/webp"),
    TIFF(true, "image/tiff"),
    /** HEIC and the HEIF container it is a flavour of. */
    HEIC(true, "image/heic", "image/heif");

    private final boolean image;
    private final Set<String> mediaTypes;

    AttachmentType(boolean image, String... mediaTypes) {
        this.image = image;
        this.mediaTypes = Set.of(mediaTypes);
    }

    public boolean isImage() {
        return image;
    }

    /** The kind a detected media type (without parameters) belongs to; empty for every other type. */
    public static Optional<AttachmentType> ofMediaType(String mediaType) {
        return Arrays.stream(values()).filter(type -> type.mediaTypes.contains(mediaType)).findFirst();
    }
}
