package com.switchboard.system.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.switchboard.system.support.Http;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import com.switchboard.system.support.SocketClient;
import com.switchboard.system.support.Uploads;
import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a refusal costs against its twin that is let through, in the same run on the shared node (MariaDB, an
 * external Artemis), seen from the client:
 * <ul>
 *     <li>a sign-in with an e-mail nobody has against one with an agent's e-mail and a wrong password: both are
 *     refused alike, and must take the same time, or the time tells which addresses have accounts;</li>
 *     <li>a zip bomb (a DOCX of under 1 MB whose first entry inflates to 250 MB) refused with
 *     {@code attachment.unsafe}, against a plain DOCX that is stored: the refusal must come in well under a second,
 *     and the node's resident memory must not jump (its high-water mark, before and after).</li>
 * </ul>
 * Each pair alternates, so that a noisy machine weighs on both alike; a few warm-up pairs are left out. An account
 * gets fewer wrong passwords than locks it. Not a test: run with {@code bench/refusals} and read the figures
 * (docs/PERFORMANCE.md).
 */
@ExtendWith(SharedSwitchboard.class)
class RefusalTimingBench {

    private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 30);
    /** Wrong passwords per account: the throttle locks an account at its fifth failure within the window. */
    private static final int TRIES_PER_ACCOUNT = 4;
    private static final int UPLOADS = Integer.getInteger("bench.uploads", 20);
    private static final int WARM_UP = 3;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<String> report = new ArrayList<>();

    @Test
    void refusalsAgainstTheirTwinsLetThrough(Instance switchboard) throws Exception {
        report.add("Refusal timing bench, " + LocalDate.now() + ": the shared node (MariaDB, external Artemis), "
                + "pairs alternating, " + WARM_UP + " warm-up pairs left out");
        signIns(switchboard);
        uploads(switchboard);
        var file = Path.of(System.getProperty("bench.report", "target/refusal-bench-report.txt"));
        Files.write(file, report, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        report.forEach(System.out::println);
    }

    private void signIns(Instance switchboard) throws Exception {
        var admin = switchboard.process().signIn(SharedSwitchboard.ADMIN_EMAIL, SharedSwitchboard.ADMIN_PASSWORD);
        var run = UUID.randomUUID().toString().substring(0, 8);
        var emails = new ArrayList<String>();
        for (int i = 0; i < ACCOUNTS; i++) {
            var email = "timed-" + run + "-" + i + "@example.com";
            var created = Http.send("POST", switchboard.appUrl() + "/api/agent/agents", admin,
                    Json.createObjectBuilder().add("email", email).add("name", "Timed " + i)
                            .add("password", "the right password " + i)
                            .add("roles", Json.createArrayBuilder().add("AGENT")).build().toString());
            assertEquals(201, created.statusCode(), created.body());
            emails.add(email);
        }
        var known = new ArrayList<Double>();
        var unknown = new ArrayList<Double>();
        int pair = 0;
        for (int round = 0; round < TRIES_PER_ACCOUNT; round++) {
            for (var email : emails) {
                var wrong = timedSignIn(switchboard, email);
                var nobody = timedSignIn(switchboard, "nobody-" + UUID.randomUUID() + "@example.com");
                assertEquals(wrong.answer(), nobody.answer(), "refused alike");
                if (pair++ >= WARM_UP) {
                    known.add(wrong.millis());
                    unknown.add(nobody.millis());
                }
            }
        }
        report.add(line("Sign-in refused, an agent's e-mail and a wrong password", known));
        report.add(line("Sign-in refused, an e-mail nobody has", unknown));
        report.add(String.format(Locale.ROOT, "Unknown / known, medians: %.2f", median(unknown) / median(known)));
    }

    private record Timed(String answer, double millis) {
    }

    private static Timed timedSignIn(Instance switchboard, String email) throws Exception {
        var started = System.nanoTime();
        var response = Http.postForm(switchboard.appUrl() + "/api/agent/sessions",
                Map.of("email", email, "password", "not the password"));
        var millis = (System.nanoTime() - started) / 1e6;
        return new Timed(response.statusCode() + " " + response.body(), millis);
    }

    private void uploads(Instance switchboard) throws Exception {
        var bomb = Uploads.docxWithHugeComment(250L * 1024 * 1024);
        var plain = Uploads.docxWithHugeComment(0);
        var refused = new ArrayList<Double>();
        var stored = new ArrayList<Double>();
        var peakBefore = peakResidentKb(switchboard);
        for (int i = 0; i < UPLOADS + WARM_UP; i++) {
            var token = visitorToken(switchboard);
            var bombed = timedUpload(switchboard, token, "report.docx", bomb);
            assertEquals("400 attachment.unsafe", bombed.answer());
            var kept = timedUpload(switchboard, token, "letter.docx", plain);
            assertEquals("201", kept.answer());
            if (i >= WARM_UP) {
                refused.add(bombed.millis());
                stored.add(kept.millis());
            }
        }
        var peakAfter = peakResidentKb(switchboard);
        report.add(line("Zip bomb (" + bomb.length / 1024 + " KB, 250 MB inflated) refused, attachment.unsafe",
                refused));
        report.add(line("Plain DOCX (" + plain.length / 1024 + " KB) stored", stored));
        report.add(String.format(Locale.ROOT, "Refused / stored, medians: %.2f", median(refused) / median(stored)));
        report.add(String.format(Locale.ROOT, "The node's peak resident memory: %d MB before the uploads, %d MB "
                + "after them", peakBefore / 1024, peakAfter / 1024));
    }

    private static String visitorToken(Instance switchboard) throws Exception {
        try (var visitor = SocketClient.connect(switchboard.wsUrl() + "/ws/visitor?inbox=support")) {
            return visitor.next("welcome", WAIT).getString("visitorToken");
        }
    }

    private static Timed timedUpload(Instance switchboard, String token, String name, byte[] file) throws Exception {
        var request = Uploads.multipart("file", name, file).apply(HttpRequest.newBuilder(
                URI.create(switchboard.appUrl() + "/api/visitor/attachments?inbox=support")))
                .header("X-Visitor-Token", token).build();
        var started = System.nanoTime();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        var millis = (System.nanoTime() - started) / 1e6;
        if (response.statusCode() == 201) {
            return new Timed("201", millis);
        }
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return new Timed(response.statusCode() + " " + reader.readObject().getString("code", ""), millis);
        }
    }

    /** VmHWM of the node's process: the most memory it ever held resident. */
    private static long peakResidentKb(Instance switchboard) throws IOException {
        var status = Files.readAllLines(Path.of("/proc", String.valueOf(switchboard.process().pid()), "status"));
        var line = status.stream().filter(l -> l.startsWith("VmHWM:")).findFirst().orElseThrow();
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    private static String line(String what, List<Double> millis) {
        var sorted = millis.stream().sorted().toList();
        return String.format(Locale.ROOT, "%s: median %.1f ms, p90 %.1f ms, max %.1f ms (%d)", what,
                median(millis), sorted.get((int) Math.floor(0.9 * (sorted.size() - 1))), sorted.get(sorted.size() - 1),
                sorted.size());
    }

    private static double median(List<Double> millis) {
        var sorted = millis.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
