package com.switchboard.system.support;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Uploads as a browser sends them, and documents made to attack the type detection. */
public final class Uploads {

    private Uploads() {
    }

    /** Parts as (name, file name or null, content) triples; the result adds the body and its Content-Type. */
    public static UnaryOperator<HttpRequest.Builder> multipart(Object... triples) {
        var boundary = "----switchboard" + UUID.randomUUID();
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < triples.length; i += 3) {
            var head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + triples[i] + "\""
                    + (triples[i + 1] == null ? "" : "; filename=\"" + triples[i + 1] + "\"")
                    + "\r\nContent-Type: application/octet-stream\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            out.writeBytes((byte[]) triples[i + 2]);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        var body = out.toByteArray();
        return request -> request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /**
     * A well-formed DOCX whose [Content_Types].xml opens with a comment of {@code commentLength} letters: about a
     * thousand times smaller than what it inflates to. Made here, never kept as a file.
     */
    public static byte[] docxWithHugeComment(long commentLength) throws Exception {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write((xml + "<!--").getBytes(StandardCharsets.UTF_8));
            var letters = new byte[64 * 1024];
            Arrays.fill(letters, (byte) 'a');
            for (long left = commentLength; left > 0; left -= letters.length) {
                zip.write(letters, 0, (int) Math.min(letters.length, left));
            }
            zip.write(("--><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" "
                    + "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                    + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write((xml + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write((xml + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    + "<w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
