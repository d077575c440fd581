package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.DeliveryLedger;
import com.switchboard.system.support.Directories;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.FullDisks;
import com.switchboard.system.support.Http;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.NodeLog;
import com.switchboard.system.support.SwitchboardProcess;
import com.switchboard.system.support.WidgetVisitor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A hostile environment: the embedded database's folder ({@code db/} in the data folder, on a file system of its
 * own: a tmpfs this test mounts, which needs root, as CI has) fills up while visitors write. The log says which
 * folder is full and readiness is DOWN at once; H2 goes on writing into the room its file still has, then refuses
 * and closes its database for the rest of the process: every send is answered, with an error from then on, and
 * none is acknowledged that was not kept. Once there is room again the node is restarted on the same data, and
 * every message that was acknowledged is there exactly once, where it was acknowledged. No send is refused as a
 * failure of our own ({@code internal}) meanwhile: a database that cannot write, a commit it could not complete
 * included, is {@code server.unavailable}, which tells the widget to send again after a pause.
 */
@ResourceLock(Lanes.BROKEN_PARTS)
class DatabaseDiskFullIT {

    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final long DB_FOLDER_MB = 96;
    private static final long MINIMUM_FREE_MB = 4;
    private static final int VISITORS = 6;
    private static final Duration PACE = Duration.ofMillis(100);
    /**
     * What the node logs while its database has no room: the failed writes, and what failed with them. Not the pool
     * cleaning up a connection it had dropped already (RAR7093, "this.pc is null"): a fault of the server's XA pool,
     * which H2, pooled through its driver, does not use.
     */
    private static final Pattern[] DISK_FULL = {
            Pattern.compile("No space left on device|Disk full|MVStore|General error|Database is already closed"),
            Pattern.compile("JdbcSQL|SQLException|DatabaseException|PersistenceException|EclipseLink"
                    + "|RAR(?!7093)\\d{4}"),
            Pattern.compile("AS-EJB-\\d{5}|EJBException|JTS50\\d\\d|DTX50\\d\\d|TransactionRolledback|RollbackException"),
            Pattern.compile("XAException|Managed Connection is not valid|IllegalStateException")};

    private final DeliveryLedger ledger = new DeliveryLedger();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> refusals = WidgetVisitor.newRefusalCounts();
    private volatile boolean writing = true;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void aFullDiskUnderTheEmbeddedDatabaseRefusesSendsClearlyAndLosesNothingAcknowledged() throws Exception {
        var folder = Directories.recreate(Path.of(System.getProperty("it.work", "target/it-work"))
                .resolve("h2-disk-full-data").toAbsolutePath());
        var data = folder.resolve("data");
        var db = Files.createDirectories(data.resolve("db"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + DB_FOLDER_MB + "m", "tmpfs", db.toString()),
                "mounting a tmpfs needs root");
        var trouble = new ArrayList<String>();
        try {
            var env = Map.of("SWITCHBOARD_DATA_DIR", data.toString(),
                    "SWITCHBOARD_BROKER_PORT", Integer.toString(FreePorts.next()),
                    "SWITCHBOARD_ADMIN_EMAIL", "admin@example.com", "SWITCHBOARD_ADMIN_PASSWORD", "disk-full-secret",
                    "SWITCHBOARD_STORAGE_MIN_FREE_MB", Long.toString(MINIMUM_FREE_MB));
            var writers = new ArrayList<Thread>();
            var visitors = new ArrayList<WidgetVisitor>();
            long filledAt;
            Map<String, Integer> refusedWhileFull;
            try (var node = SwitchboardProcess.launch("h2-disk-full", env).awaitReady(START)) {
                for (int i = 0; i < VISITORS; i++) {
                    var visitor = new WidgetVisitor("f%02d".formatted(i), "support", ledger, failures, refusals);
                    visitors.add(visitor);
                    writers.add(new Thread(() -> visitor.writeWhile(() -> writing, () -> true, node::wsUrl, PACE),
                            "visitor-" + i));
                }
                writers.forEach(Thread::start);
                awaitAcknowledged(100);

                awaitHealth(node, "/health/live", 200, "live before the disk fills up");
                var filler = db.resolve("filler");
                filledAt = System.currentTimeMillis();
                FullDisks.fillUp(filler);
                int acknowledgedWhenFull = ledger.acknowledgedCount();
                awaitReadiness(node, 503, "DOWN once the database's folder is full");
                var full = node.output().stream().filter(line -> line.contains("Storage almost full")).toList();
                assertTrue(full.stream().anyMatch(line -> line.contains(db.toString())), () -> "the log names the "
                        + "folder: " + full);
                awaitRefusals(VISITORS);
                System.out.println("DatabaseDiskFullIT: the first sends refused "
                        + (System.currentTimeMillis() - filledAt) + " ms after the disk filled up; "
                        + (ledger.acknowledgedCount() - acknowledgedWhenFull) + " acknowledged meanwhile (H2 wrote into"
                        + " its file's free room); refusals: " + refusals + "; "
                        + node.output().stream().filter(line -> line.contains("Readiness is DOWN")).toList());

                Files.delete(filler);
                awaitLine(node, "Storage has room again");
                System.out.println("DatabaseDiskFullIT: with room again, readiness says "
                        + Http.get(node.baseUrl() + "/health/ready").body());
                // Where H2 closed its database for the rest of the process, only a restart opens it, and liveness
                // asks for one; where it went on once room was made, the node is live.
                var database = Json.createReader(new StringReader(Http.get(node.baseUrl() + "/health/ready").body()))
                        .readObject().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .filter(check -> "database".equals(check.getString("name"))).findFirst().orElseThrow();
                boolean closed = "DOWN".equals(database.getString("status"))
                        && database.toString().contains("closed");
                System.out.println("DatabaseDiskFullIT: the database after the fill: " + database);
                awaitHealth(node, "/health/live", closed ? 503 : 200, closed ? "liveness DOWN while the closed "
                        + "database needs a restart" : "live while the database answers again");
                writing = false;
                for (var writer : writers) {
                    writer.join(30_000);
                }
                refusedWhileFull = counts(refusals);
                node.stop(Duration.ofSeconds(90));
                trouble.addAll(NodeLog.problems(NodeLog.withoutRecordsBetween(node.output(), filledAt,
                        System.currentTimeMillis(), DISK_FULL)));
            }
            try (var node = SwitchboardProcess.launch("h2-disk-full-restart", env).awaitReady(START)) {
                for (var visitor : visitors) {
                    visitor.resendUnacknowledged(node.wsUrl());
                    visitor.disconnect();
                }
                node.stop(Duration.ofSeconds(90));
                trouble.addAll(NodeLog.problems(node.output()));
            }
            assertTrue(failures.isEmpty(), () -> "while writing: " + failures);
            assertFalse(refusedWhileFull.containsKey("internal"), () -> "a send refused as a failure of our own "
                    + "while the disk was full (the node's log says which): " + refusedWhileFull);
            var verdict = ledger.check(stored(db));
            System.out.println("DatabaseDiskFullIT: " + verdict + "; refusals: " + refusals);
            assertTrue(verdict.clean(), verdict::toString);
            assertEquals(verdict.acknowledged(), verdict.stored(), "every message sent was acknowledged by now");
        } finally {
            run("umount", db.toString());
        }
        assertTrue(trouble.isEmpty(), () -> "the node logged trouble:\n" + String.join("\n", trouble));
    }

    private static void awaitLine(SwitchboardProcess node, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (node.output().stream().noneMatch(line -> line.contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the log does not say '" + text + "' after " + WAIT);
            }
            Http.get(node.baseUrl() + "/health/ready"); // the storage is read when readiness is asked for
            Thread.sleep(250);
        }
    }

    private static Map<String, Integer> counts(Map<String, AtomicInteger> refusals) {
        var counts = new TreeMap<String, Integer>();
        refusals.forEach((code, count) -> counts.put(code, count.get()));
        return counts;
    }

    private int refused() {
        return refusals.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void awaitAcknowledged(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ledger.acknowledgedCount() < count && System.nanoTime() < deadline && failures.isEmpty()) {
            Thread.sleep(50);
        }
        assertTrue(failures.isEmpty(), () -> "while writing: " + failures);
        assertTrue(ledger.acknowledgedCount() >= count, () -> "only " + ledger.acknowledgedCount()
                + " messages acknowledged; wanted " + count);
    }

    private void awaitRefusals(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (refused() < count && System.nanoTime() < deadline && failures.isEmpty()) {
            Thread.sleep(50);
        }
        assertTrue(failures.isEmpty(), () -> "while the disk was full: " + failures);
        assertTrue(refused() >= count, () -> "sends refused while the disk was full: " + refusals);
    }

    private static void awaitReadiness(SwitchboardProcess node, int status, String what) throws Exception {
        awaitHealth(node, "/health/ready", status, what);
    }

    private static void awaitHealth(SwitchboardProcess node, String path, int status, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int last;
        while ((last = Http.get(node.baseUrl() + path).statusCode()) != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": " + path + " still answers " + last + " after " + WAIT + ": "
                        + Http.get(node.baseUrl() + path).body());
            }
            Thread.sleep(250);
        }
    }

    /** What the database kept, read from its file with the node stopped. */
    private static List<Map.Entry<String, String>> stored(Path db) throws Exception {
        var stored = new ArrayList<Map.Entry<String, String>>();
        try (var connection = DriverManager.getConnection("jdbc:h2:file:" + db.resolve("switchboard")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE", "switchboard", "switchboard");
             var rows = connection.createStatement().executeQuery(
                     "SELECT client_id, conversation_id, seq FROM message WHERE client_id IS NOT NULL")) {
            while (rows.next()) {
                stored.add(Map.entry(rows.getString(1), rows.getLong(2) + "#" + rows.getLong(3)));
            }
        }
        return stored;
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }
}
