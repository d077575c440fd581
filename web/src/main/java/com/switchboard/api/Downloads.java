package com.switchboard.api;

import com.switchboard.attachment.boundary.AttachmentDownload;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * An attachment as an HTTP response that a browser never runs: the detected type, no sniffing, no scripts (CSP
 * sandbox), and a download unless it is a picture type browsers show safely.
 */
public final class Downloads {

    public static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private Downloads() {
    }

    public static Response of(AttachmentDownload download) {
        var file = download.file();
        var disposition = INLINE.contains(file.mediaType()) ? "inline" : "attachment";
        return Response.ok(download.content(), file.mediaType())
                .header("Content-Length", file.size())
                .header("Content-Disposition", contentDisposition(disposition, file.name()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    /**
     * RFC 6266 with the RFC 5987 {@code filename*} for any name, plus a plain ASCII {@code filename} for the
     * clients that only read that one.
     */
    public static String contentDisposition(String disposition, String name) {
        var ascii = new StringBuilder();
        name.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' && cp != '%'
                ? (char) cp : '_'));
        return disposition + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncoded(name);
    }

    /** RFC 5987 attr-char stays, every other byte of the UTF-8 form becomes %XX. */
    public static String percentEncoded(String value) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
