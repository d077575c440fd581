package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import com.switchboard.system.support.SocketClient;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Attachments through the running product: a visitor's multipart upload over HTTP reaches the agent's socket
 * with its files, and each file comes back with the headers that keep browsers from running it; zip bombs are
 * refused without harm.
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class AttachmentsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aVisitorsFilesReachTheAgentAndAreServedSafely(Instance switchboard) throws Exception {
        var png = png();
        var pdf = ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] "
                + "/Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        var caption = "Photo and invoice " + UUID.randomUUID();
        try (var agent = FirstPathIT.agentSocket(switchboard); var visitor = FirstPathIT.visitorSocket(switchboard, "")) {
            var token = visitor.next("welcome", WAIT).getString("visitorToken");

            var upload = multipart("text", null, caption.getBytes(StandardCharsets.UTF_8),
                    "file", "Grüße.png", png, "file", "invoice.exe", pdf);
            var created = HTTP.send(upload.apply(HttpRequest.newBuilder(
                    URI.create(switchboard.appUrl() + "/api/visitor/attachments?inbox=support")))
                    .header("X-Visitor-Token", token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());

            var pushed = nextWithText(agent, caption);
            var files = pushed.getJsonArray("attachments");
            assertEquals(2, files.size(), pushed.toString());
            assertEquals("Grüße.png", files.getJsonObject(0).getString("name"));
            assertEquals("IMAGE", files.getJsonObject(0).getString("kind"));
            assertEquals("invoice.exe.pdf", files.getJsonObject(1).getString("name"), "the extension follows the content");

            var adminToken = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
            var image = HTTP.send(HttpRequest.newBuilder(URI.create(switchboard.appUrl() + "/api/agent/attachments/"
                    + files.getJsonObject(0).getJsonNumber("id"))).header("Authorization", "Bearer " + adminToken)
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, image.statusCode());
            assertArrayEquals(png, image.body());
            assertEquals("image/png", image.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("nosniff", image.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertEquals("inline; filename=\"Gr__e.png\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.png",
                    image.headers().firstValue("Content-Disposition").orElseThrow());

            var document = HTTP.send(HttpRequest.newBuilder(URI.create(switchboard.appUrl() + "/api/visitor/attachments/"
                    + files.getJsonObject(1).getJsonNumber("id"))).header("X-Visitor-Token", token).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, document.statusCode());
            assertEquals("application/pdf", document.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(document.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment;"));
            assertTrue(document.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("sandbox"));
        }
    }

    @Test
    void aDisguisedPageIsRefusedWithItsCode(Instance switchboard) throws Exception {
        try (var visitor = FirstPathIT.visitorSocket(switchboard, "")) {
            var token = visitor.next("welcome", WAIT).getString("visitorToken");
            var upload = multipart("file", "cat.png",
                    "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));

            var refused = HTTP.send(upload.apply(HttpRequest.newBuilder(
                    URI.create(switchboard.appUrl() + "/api/visitor/attachments?inbox=support")))
                    .header("X-Visitor-Token", token).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(400, refused.statusCode(), refused.body());
            assertEquals("attachment.type", FirstPathIT.json(refused.body()).getString("code"));
        }
    }

    @Test
    void zipBombsUploadedAtOnceAreRefusedAndLeaveNoTemporaryFile(Instance switchboard) throws Exception {
        var bomb = docxWithHugeComment(250L * 1024 * 1024);
        assertTrue(bomb.length < 1024 * 1024, "a small upload: " + bomb.length);
        try (var visitor = FirstPathIT.visitorSocket(switchboard, "")) {
            var token = visitor.next("welcome", WAIT).getString("visitorToken");
            var upload = multipart("file", "report.docx", bomb);

            // Six at once exhausted the heap when the detector inflated them.
            var responses = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < 6; i++) {
                responses.add(HTTP.sendAsync(upload.apply(HttpRequest.newBuilder(
                        URI.create(switchboard.appUrl() + "/api/visitor/attachments?inbox=support")))
                        .header("X-Visitor-Token", token).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (var response : responses) {
                var refused = response.get(1, TimeUnit.MINUTES);
                assertEquals(400, refused.statusCode(), refused.body());
                assertEquals("attachment.unsafe", FirstPathIT.json(refused.body()).getString("code"), refused.body());
            }
        }
        var incoming = Path.of(System.getProperty("it.work", "target/it-work"), "shared", "data", "attachments",
                "incoming");
        assertTrue(Files.isDirectory(incoming), "the uploads were received into " + incoming);
        try (var files = Files.list(incoming)) {
            assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".part")).toList(),
                    "no temporary file left behind");
        }
    }

    private static JsonObject nextWithText(SocketClient agent, String text) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            var frame = agent.next("message.created", WAIT);
            if (frame.getString("text").equals(text)) {
                return frame;
            }
        }
        throw new AssertionError("The agent never received '" + text + "'");
    }

    /** Parts as (name, file name or null, content) triples; the result adds the body and its Content-Type. */
    private static java.util.function.UnaryOperator<HttpRequest.Builder> multipart(Object... triples) {
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
    private static byte[] docxWithHugeComment(long commentLength) throws Exception {
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

    private static byte[] png() throws Exception {
        var image = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x00aa55);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
