package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.Uploads;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

            var upload = Uploads.multipart("text", null, caption.getBytes(StandardCharsets.UTF_8),
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
            var upload = Uploads.multipart("file", "cat.png",
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
        var bomb = Uploads.docxWithHugeComment(250L * 1024 * 1024);
        assertTrue(bomb.length < 1024 * 1024, "a small upload: " + bomb.length);
        try (var visitor = FirstPathIT.visitorSocket(switchboard, "")) {
            var token = visitor.next("welcome", WAIT).getString("visitorToken");
            var upload = Uploads.multipart("file", "report.docx", bomb);

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

    private static byte[] png() throws Exception {
        var image = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x00aa55);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
