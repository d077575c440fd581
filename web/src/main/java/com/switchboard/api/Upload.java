package com.switchboard.api;

import com.switchboard.attachment.boundary.IncomingFile;
import com.switchboard.input.RequestRejectedException;
import jakarta.ws.rs.core.EntityPart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multipart/form-data message with files: parts named {@code file} (one per file, 1 to 5) and an optional
 * {@code text}. Reading the files is left to the attachment boundary, which streams them to disk.
 */
public record Upload(String text, List<IncomingFile> files) {

    public static final String FILE = "file";
    public static final String TEXT = "text";

    public static Upload of(List<EntityPart> parts) {
        if (parts == null || parts.isEmpty()) {
            throw RequestRejectedException.invalid("upload.empty", "Send 1 to 5 'file' parts and an optional 'text'.");
        }
        String text = null;
        var files = new ArrayList<IncomingFile>();
        try {
            for (var part : parts) {
                switch (Objects.requireNonNullElse(part.getName(), "")) {
                    case FILE -> files.add(new IncomingFile(part.getFileName().map(Upload::asSent).orElse(null),
                            part.getContent()));
                    case TEXT -> text = part.getContent(String.class);
                    default -> throw RequestRejectedException.invalid("upload.part",
                            "Unknown part '" + part.getName() + "': send 'file' parts and an optional 'text'.");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Upload(text, files);
    }

    /**
     * Browsers send file names as raw UTF-8 in the part's header, which the multipart reader decodes as
     * ISO-8859-1 ("Straße" arrives as "StraÃ\u009Fe"). Re-reads such a name as UTF-8 when it is valid UTF-8.
     */
    public static String asSent(String name) {
        if (name.chars().anyMatch(c -> c > 0xff) || name.chars().allMatch(c -> c < 0x80)) {
            return name;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(name.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException notUtf8) {
            return name;
        }
    }
}
