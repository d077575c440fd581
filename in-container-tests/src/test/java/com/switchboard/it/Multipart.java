package com.switchboard.it;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** A multipart/form-data body as a browser's FormData sends it. */
final class Multipart {

    record Part(String name, String fileName, String contentType, byte[] content) {
    }

    private final String boundary = "----switchboard" + UUID.randomUUID();
    private final byte[] body;

    private Multipart(List<Part> parts) {
        var out = new ByteArrayOutputStream();
        for (var part : parts) {
            var head = new StringBuilder("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(part.name()).append('"');
            if (part.fileName() != null) {
                // Browsers escape the quote in names as %22 and send the rest as UTF-8.
                head.append("; filename=\"").append(part.fileName().replace("\"", "%22")).append('"');
            }
            head.append("\r\nContent-Type: ").append(part.contentType()).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        body = out.toByteArray();
    }

    static Multipart of(List<Part> parts) {
        return new Multipart(parts);
    }

    static Part text(String name, String value) {
        return new Part(name, null, "text/plain; charset=UTF-8", value.getBytes(StandardCharsets.UTF_8));
    }

    /** A file part; its declared type is deliberately generic: the server must not care. */
    static Part file(String name, String fileName, byte[] content) {
        return new Part(name, fileName, "application/octet-stream", content);
    }

    HttpRequest.Builder post(URI uri) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
}
