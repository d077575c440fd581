package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.NodeLog;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.SwitchboardProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A hostile environment: the data folder (database, broker journal, attachments) runs out of room while the node
 * is serving, on a file system of its own (a tmpfs this test mounts; it needs root, as CI has). Below the minimum
 * free space the node says so in its log and in its readiness, refuses uploads with a clear code, and goes on
 * taking messages while there is room for them; once room is made it is ready again by itself.
 */
@ResourceLock(Lanes.BROKEN_PARTS)
class StorageAlmostFullIT {

    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long FOLDER_MB = 400;
    private static final long MINIMUM_FREE_MB = 64;
    private static final Pattern STORAGE_WARNING = Pattern.compile("Storage almost full");

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void anAlmostFullDataFolderMakesTheNodeNotReadyAndRefusesUploadsUntilThereIsRoom() throws Exception {
        var folder = Files.createDirectories(Path.of(System.getProperty("it.work", "target/it-work"))
                .resolve("storage-tmpfs").toAbsolutePath());
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + FOLDER_MB + "m", "tmpfs",
                folder.toString()), "mounting a tmpfs needs root");
        List<String> trouble;
        try {
            var data = folder.resolve("data");
            try (var node = SwitchboardProcess.launch("storage", Map.of("SWITCHBOARD_DATA_DIR", data.toString(),
                    "SWITCHBOARD_BROKER_PORT", Integer.toString(FreePorts.next()),
                    "SWITCHBOARD_ADMIN_EMAIL", "admin@example.com", "SWITCHBOARD_ADMIN_PASSWORD", "storage-admin-secret",
                    "SWITCHBOARD_STORAGE_MIN_FREE_MB", Long.toString(MINIMUM_FREE_MB))).awaitReady(START)) {
                assertEquals(200, readiness(node).statusCode(), () -> readiness(node).body());
                var admin = node.signIn("admin@example.com", "storage-admin-secret");
                long conversation;
                try (var visitor = SocketClient.connect(node.wsUrl() + "/ws/visitor?inbox=support")) {
                    visitor.next("welcome", WAIT);
                    conversation = visitor.send(say("before the disk filled up")).next("message.accepted", WAIT)
                            .getJsonNumber("conversationId").longValue();

                    var filler = folder.resolve("filler");
                    fill(filler, Files.getFileStore(folder).getUsableSpace() - (MINIMUM_FREE_MB / 2) * 1024 * 1024);
                    var notReady = readiness(node);
                    assertEquals(503, notReady.statusCode(), notReady.body());
                    assertTrue(notReady.body().contains("\"storage\"") && notReady.body().contains("minimumFreeMb"),
                            notReady.body());
                    var refused = upload(node, admin, conversation);
                    assertEquals(503, refused.statusCode(), refused.body());
                    assertTrue(refused.body().contains("\"attachment.storage-full\""), refused.body());
                    assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers()::toString);
                    visitor.send(say("while the disk is almost full")).next("message.accepted", WAIT);

                    Files.delete(filler);
                    assertEquals(200, readiness(node).statusCode(), () -> readiness(node).body());
                    var accepted = upload(node, admin, conversation);
                    assertEquals(201, accepted.statusCode(), accepted.body());
                }
                node.stop(Duration.ofSeconds(90));
                var warnings = node.output().stream().filter(line -> STORAGE_WARNING.matcher(line).find()).count();
                assertEquals(1, warnings, "said once in the log while it lasted");
                assertTrue(node.output().stream().anyMatch(line -> line.contains("Storage has room again")));
                trouble = NodeLog.problems(node.output());
            }
        } finally {
            run("umount", folder.toString());
        }
        assertTrue(trouble.isEmpty(), () -> "the node logged trouble:\n" + String.join("\n", trouble));
    }

    private static HttpResponse<String> readiness(SwitchboardProcess node) {
        try {
            return Http.get(node.baseUrl() + "/health/ready");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> upload(SwitchboardProcess node, String token, long conversation)
            throws Exception {
        var boundary = "storage-boundary";
        var body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nA short note.\r\n--" + boundary + "--\r\n";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.appUrl()
                        + "/api/agent/conversations/" + conversation + "/attachments"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void fill(Path file, long bytes) throws IOException {
        try (var out = new RandomAccessFile(file.toFile(), "rw")) {
            var block = new byte[1024 * 1024];
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }

    private static JsonObject say(String text) {
        return Json.createObjectBuilder().add("type", "message.send").add("text", text).build();
    }
}
