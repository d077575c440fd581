package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Duration;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attachments through the running product: a visitor's multipart upload over HTTP reaches the agent's socket
 * with its files, and each file comes back with the headers that keep browsers from running it.
 */
@ExtendWith(SharedSwitchboard.class)
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

    private static byte[] png() throws Exception {
        var image = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x00aa55);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
