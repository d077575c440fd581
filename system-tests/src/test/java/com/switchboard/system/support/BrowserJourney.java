package com.switchboard.system.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one journey file of {@code src/test/browser} with {@code node --test} against the running product, in a
 * real headless Chromium (browser.mjs; install.sh prepared it in pre-integration-test). The product's address
 * goes in {@code SWITCHBOARD_URL} (the application's root, e.g. {@code http://127.0.0.1:PORT/switchboard/}),
 * accounts and other facts in the variables the caller adds. node's output is streamed to the test's output as it
 * comes and, when node fails, becomes the failure message (screenshots: target/browser-screenshots).
 */
public final class BrowserJourney {

    public static final Path DIRECTORY = Path.of(System.getProperty("it.browser.dir", "src/test/browser"))
            .toAbsolutePath();

    private final String file;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration timeout = Duration.ofMinutes(5);

    private BrowserJourney(String file) {
        this.file = file;
    }

    /** The journey file, e.g. {@code admin-console.test.mjs}, against this instance. */
    public static BrowserJourney of(String file, SharedSwitchboard.Instance switchboard) {
        return at(file, switchboard.appUrl());
    }

    /** The journey file against the application at {@code appUrl} (e.g. a node on the embedded defaults). */
    public static BrowserJourney at(String file, String appUrl) {
        return new BrowserJourney(file).with("SWITCHBOARD_URL", appUrl + "/");
    }

    public BrowserJourney with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    public BrowserJourney timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Runs the file and fails with its output when node reports a failure (or does not finish in time). */
    public void run() throws Exception {
        if (!Files.isDirectory(DIRECTORY.resolve("node_modules/playwright-core"))) {
            fail("playwright-core is not installed: run " + DIRECTORY.resolve("install.sh")
                    + " (Maven does it in pre-integration-test)");
        }
        var command = new ArrayList<>(List.of("node", "--test", "--test-reporter=spec"));
        // -Dit.journey=REGEX runs only the journeys whose names match, while working on one.
        var only = System.getProperty("it.journey");
        if (only != null && !only.isBlank()) {
            command.add("--test-name-pattern=" + only);
        }
        command.add(file);
        var builder = new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent("SWITCHBOARD_SCREENSHOTS",
                Path.of(System.getProperty("it.browser.screenshots", "target/browser-screenshots"))
                        .toAbsolutePath().toString());
        var process = builder.start();
        List<String> output = new ArrayList<>();
        var reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.out.println("[" + file + "] " + line);
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // The process ended; what was read is kept.
            }
        }, "node " + file);
        reader.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            reader.join(5_000);
            fail(file + " did not finish within " + timeout + ":\n" + joined(output));
        }
        reader.join(5_000);
        if (process.exitValue() != 0) {
            fail(file + " failed (node exited with " + process.exitValue() + "):\n" + joined(output));
        }
    }

    private static String joined(List<String> output) {
        synchronized (output) {
            return String.join("\n", output);
        }
    }
}
