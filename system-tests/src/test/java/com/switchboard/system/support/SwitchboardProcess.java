package com.switchboard.system.support;

import jakarta.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Switchboard started the way an operator starts it: the launcher (or the ./switchboard script) as its own
 * process, with settings in its environment. Its output is kept in a log file and searchable by the tests.
 */
public final class SwitchboardProcess implements AutoCloseable {

    public static final String READY_LINE = "Switchboard is ready.";
    /** The welcome block's last line: waiting for it, not the first, means the whole block has been read. */
    private static final String WELCOME_END = "Stop with Ctrl-C";
    private static final Path HOME = Path.of(System.getProperty("switchboard.home", "../launcher/target/switchboard"))
            .toAbsolutePath().normalize();
    /**
     * The JVM options of a node that lives for a test or two: {@code it.node.jvm.options} (system-tests/pom.xml
     * sets C1 only and the serial collector, as the in-container suite's Payara Micro has them): its start, most of
     * what it does, then costs far less CPU. A node that serves many requests ({@link #launchWithFullJit}) keeps
     * the production JIT: C2 pays off over its run, above all in the PBKDF2 of every sign-in and new account.
     */
    private static final List<String> SHORT_LIVED = List.of(
            System.getProperty("it.node.jvm.options", "-Xmx768m").trim().split("\\s+"));
    /** Plus {@code bench.node.options}: a bench may set the node's settings as system properties. */
    private static final List<String> FULL_JIT = java.util.stream.Stream.concat(java.util.stream.Stream.of("-Xmx768m"),
            java.util.Arrays.stream(System.getProperty("bench.node.options", "").trim().split("\\s+"))
                    .filter(option -> !option.isEmpty())).toList();

    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Thread reader;
    public final int httpPort;

    private SwitchboardProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.reader = new Thread(this::readOutput, "switchboard-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** In a value of the environment, stands for the HTTP port chosen here (e.g. in SWITCHBOARD_PUBLIC_URL). */
    public static final String HTTP_PORT = "{http-port}";

    /**
     * Starts the launcher jar with the given environment (plus SWITCHBOARD_HTTP_PORT, chosen here: {@link #HTTP_PORT}
     * in a value stands for it).
     */
    public static SwitchboardProcess launch(String name, Map<String, String> environment) throws IOException {
        return launch(name, environment, SHORT_LIVED);
    }

    /** As {@link #launch}, with the production JIT: for a node that serves the browser journeys or many tests. */
    public static SwitchboardProcess launchWithFullJit(String name, Map<String, String> environment)
            throws IOException {
        return launch(name, environment, FULL_JIT);
    }

    private static SwitchboardProcess launch(String name, Map<String, String> environment, List<String> jvmOptions)
            throws IOException {
        var command = new ArrayList<String>();
        command.add("java");
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dswitchboard.home=" + HOME, "-jar", HOME.resolve("switchboard-launcher.jar").toString()));
        return start(name, environment, command);
    }

    /** Starts the README's run command, {@code ./switchboard}, exactly as a newcomer would. */
    public static SwitchboardProcess runScript(String name, Map<String, String> environment) throws IOException {
        var script = HOME.resolve("../../../switchboard").normalize();
        return start(name, environment, List.of("bash", script.toString()));
    }

    /** Nodes a failed test never closed go when the test JVM ends, instead of slowing the runs after it. */
    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> STARTED.stream().filter(Process::isAlive).forEach(Process::destroyForcibly), "kill-left-nodes"));
    }

    private static SwitchboardProcess start(String name, Map<String, String> environment, List<String> command)
            throws IOException {
        var work = Directories.recreate(Path.of(System.getProperty("it.work", "target/it-work")).resolve(name));
        int httpPort = FreePorts.next();
        var builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("SWITCHBOARD_"));
        environment.forEach((variable, value) -> builder.environment().put(variable,
                value.replace(HTTP_PORT, Integer.toString(httpPort))));
        builder.environment().put("SWITCHBOARD_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("SWITCHBOARD_JAVA_OPTS", String.join(" ", SHORT_LIVED));
        var log = work.resolve("switchboard-" + System.currentTimeMillis() + ".log");
        var process = builder.start();
        STARTED.add(process);
        return new SwitchboardProcess(process, log, httpPort);
    }

    private void readOutput() {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println(line);
                synchronized (lines) {
                    lines.add(line);
                }
                if (line.startsWith(WELCOME_END)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("Switchboard exited before it was ready:\n" + tail()));
    }

    /** Whether the launcher has said it is ready (or has given up). */
    public boolean startedOrFailed() {
        return ready.isDone();
    }

    /**
     * Waits for the launcher's ready message; fails with the end of its output if it never comes, and then kills
     * the process: a caller whose {@code launch(...).awaitReady(...)} throws never holds it to close it, and a node
     * left running slows every test after it.
     */
    public SwitchboardProcess awaitReady(Duration timeout) throws Exception {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            var output = tail();
            process.destroyForcibly();
            throw new AssertionError("Switchboard not ready after " + timeout + ":\n" + output, e);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
        return this;
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Switchboard still running after " + timeout + ":\n" + tail());
        }
        reader.join(5_000); // its last lines are in output()
        return process.exitValue();
    }

    /** Stops it the way Ctrl-C or a service manager does (SIGTERM) and returns the exit code. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /**
     * Kills the process as a crash or {@code kill -9} does (SIGKILL: no shutdown hook, nothing flushed) and waits
     * until it is gone. Only a process started with {@link #launch} is the JVM itself, which holds the data.
     */
    public void kill() throws InterruptedException {
        if (!process.destroyForcibly().waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("Switchboard (pid " + process.pid() + ") still running after SIGKILL");
        }
        reader.join(5_000);
    }

    /** The program the process runs (a path ending in {@code java} for {@link #launch}): what {@link #kill} hits. */
    public String executable() {
        return process.info().command().orElse("(unknown)");
    }

    /** The CPU time the process has used so far (all its threads). */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("The system does not tell the process's CPU time"));
    }

    /**
     * The CPU time the JVM's JIT compiler threads have used so far (Linux: the process's threads named
     * {@code C1/C2 CompilerThread} in /proc; zero elsewhere). A compiler thread the JVM ended took its time with it.
     */
    public Duration compilerCpuTime() throws IOException {
        var tasks = Path.of("/proc", String.valueOf(process.pid()), "task");
        if (!Files.isDirectory(tasks)) {
            return Duration.ZERO;
        }
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (var thread : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                // "tid (name) state ...": the name may hold spaces; utime and stime are fields 14 and 15.
                var name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        }
        return Duration.ofMillis(ticks * 10); // clock ticks of 10 ms (USER_HZ)
    }

    /** The process id of the node's JVM (the ./switchboard script execs it, so the id stays the script's). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String appUrl() {
        return baseUrl() + "/switchboard";
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + httpPort + "/switchboard";
    }

    /** Signs the agent in over HTTP, as the agent console does, and returns their bearer token. */
    public String signIn(String email, String password) throws Exception {
        var response = Http.postForm(appUrl() + "/api/agent/sessions", Map.of("email", email, "password", password));
        if (response.statusCode() != 200) {
            throw new AssertionError("Sign-in of " + email + " failed: " + response.statusCode() + " " + response.body());
        }
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject().getString("token");
        }
    }

    /** Signs the agent in and opens their socket; returns it after the welcome frame. */
    public SocketClient agentSocket(String email, String password) throws Exception {
        var token = signIn(email, password);
        var agent = SocketClient.connect(wsUrl() + "/ws/agent?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        agent.next("welcome", Duration.ofSeconds(20));
        return agent;
    }

    public List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public String tail() {
        var all = output();
        return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
