package com.switchboard.system.ear;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A Payara Server Full domain of its own, created with {@code asadmin create-domain --portbase} at a base whose
 * ports are all free (other test runs on the same machine may hold 4848/8080/…), driven with asadmin and always
 * stopped (and killed if need be) afterwards. The bundled OpenMQ broker is switched off before the first start.
 *
 * <p>asadmin is run as {@code java -jar glassfish/lib/client/appserver-cli.jar} (what {@code bin/asadmin} does)
 * with the test's own Java, which also becomes the server's Java ({@code AS_JAVA}).
 */
final class PayaraServerDomain implements AutoCloseable {

    /** Offsets from --portbase that create-domain assigns (admin 48, HTTP 80, HTTPS 81, JMS 76, IIOP 37-39, …). */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};
    /** Ports of services running on these machines: never bind them. */
    private static final Set<Integer> FORBIDDEN_PORTS = Set.of(1883, 3306, 4222, 5432, 5672, 6379);
    /** Below the Linux ephemeral range (32768+), where free ports picked by other tests come from. */
    private static final int LOWEST_BASE = 20_000;
    private static final int HIGHEST_BASE = 32_000;

    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private final Path installation;
    private final Path domainsDirectory;
    private final String name;
    private final int portBase;
    private final Path commandLogs;
    private final AtomicInteger commandCounter = new AtomicInteger();
    private volatile ProcessHandle server;

    private PayaraServerDomain(Path installation, Path domainsDirectory, String name, int portBase,
            Path commandLogs) {
        this.installation = installation;
        this.domainsDirectory = domainsDirectory;
        this.name = name;
        this.portBase = portBase;
        this.commandLogs = commandLogs;
    }

    /**
     * Creates the domain afresh in {@code domainsDirectory}: a server left running by an earlier, aborted run of
     * the same domain is killed first, and its files deleted.
     */
    static PayaraServerDomain create(Path installation, Path domainsDirectory, String name) throws Exception {
        var cli = installation.resolve("glassfish/lib/client/appserver-cli.jar");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("No Payara Server installation at " + installation + " (missing " + cli
                    + "); maven-dependency-plugin unpacks it in pre-integration-test");
        }
        var domainDirectory = domainsDirectory.resolve(name);
        killLeftover(domainDirectory);
        deleteRecursively(domainDirectory);
        var commandLogs = domainsDirectory.resolve(name + "-asadmin");
        deleteRecursively(commandLogs);
        Files.createDirectories(commandLogs);

        var failures = new ArrayList<String>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            int base = freePortBase();
            var domain = new PayaraServerDomain(installation, domainsDirectory, name, base, commandLogs);
            var result = domain.asadmin(CREATE_TIMEOUT, Map.of(), "create-domain", "--nopassword=true",
                    "--portbase", String.valueOf(base), "--checkports=true",
                    "--domaindir", domainsDirectory.toString(), name);
            if (result.succeeded()) {
                domain.disableOpenMq();
                domain.compileLessWhileStarting();
                return domain;
            }
            failures.add("portbase " + base + ": " + result);
            deleteRecursively(domainDirectory);
        }
        throw new IllegalStateException("asadmin create-domain failed three times:\n" + String.join("\n", failures));
    }

    int adminPort() {
        return portBase + 48;
    }

    int httpPort() {
        return portBase + 80;
    }

    /** The port the bundled OpenMQ broker would use; nothing must listen there. */
    int openMqPort() {
        return portBase + 76;
    }

    Path domainDirectory() {
        return domainsDirectory.resolve(name);
    }

    Path serverLog() {
        return domainDirectory().resolve("logs/server.log");
    }

    /**
     * {@code asadmin start-domain}: the server JVM inherits the environment of asadmin, so the application's
     * configuration goes in {@code environment}.
     */
    void start(Map<String, String> environment) throws Exception {
        var result = asadmin(START_TIMEOUT, environment, "start-domain", "--domaindir", domainsDirectory.toString(),
                name);
        server = readServerPid().orElse(null);
        if (server != null) {
            var started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // The test JVM going away without @AfterAll (killed fork, timeout): take the server with it.
                if (started.isAlive()) {
                    started.destroyForcibly();
                }
            }, "kill-payara-" + name));
        }
        if (!result.succeeded()) {
            throw new IllegalStateException("asadmin start-domain failed: " + result);
        }
    }

    /**
     * {@code asadmin create-resource-adapter-config --property PROPERTIES NAME}: the configuration a resource
     * adapter deployed later under that name starts with. Properties are {@code name=value} pairs separated by
     * {@code :}; see {@link #escapeProperty}.
     */
    void configureResourceAdapter(String name, String properties) throws Exception {
        var result = remote(Duration.ofMinutes(2), "create-resource-adapter-config", "--property", properties, name);
        if (!result.succeeded()) {
            throw new IllegalStateException("asadmin create-resource-adapter-config failed: " + result);
        }
    }

    /** asadmin separates properties with ':' and names from values with '='; a backslash escapes both. */
    static String escapeProperty(String value) {
        return value.replace("\\", "\\\\").replace("=", "\\=").replace(":", "\\:");
    }

    /** {@code asadmin deploy [options] file}. */
    void deploy(Path archive, String... options) throws Exception {
        var arguments = new ArrayList<String>();
        arguments.add("deploy");
        arguments.addAll(List.of(options));
        arguments.add(archive.toString());
        var result = remote(DEPLOY_TIMEOUT, arguments.toArray(String[]::new));
        if (!result.succeeded()) {
            throw new IllegalStateException("asadmin deploy " + archive.getFileName() + " failed: " + result);
        }
    }

    /** Runs a remote asadmin subcommand against this domain's admin port. */
    CommandResult remote(Duration timeout, String... arguments) throws Exception {
        var command = new ArrayList<String>(List.of("--host", "127.0.0.1", "--port", String.valueOf(adminPort())));
        command.addAll(List.of(arguments));
        return asadmin(timeout, Map.of(), command.toArray(String[]::new));
    }

    /** Stops the domain with asadmin; whatever is still running afterwards is killed by its process id. */
    @Override
    public void close() throws Exception {
        try {
            if (server == null) {
                server = readServerPid().orElse(null);
            }
            if (server != null && server.isAlive()) {
                asadmin(STOP_TIMEOUT, Map.of(), "stop-domain", "--domaindir", domainsDirectory.toString(), name);
            }
        } finally {
            if (server != null) {
                kill(server);
            }
        }
    }

    /** The last lines of the domain's server.log, for failure messages. */
    String serverLogTail(int lines) {
        var log = serverLog();
        if (!Files.isRegularFile(log)) {
            return "(no " + log + ")";
        }
        try {
            var all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    static final String LOG_MARKER = "----- last lines of ";

    String diagnostics() {
        return "\n" + LOG_MARKER + serverLog() + " -----\n" + serverLogTail(150) + "\n----- end of server.log -----";
    }

    static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private CommandResult asadmin(Duration timeout, Map<String, String> environment, String... arguments)
            throws Exception {
        var java = Path.of(System.getProperty("java.home"));
        var command = new ArrayList<String>();
        command.add(java.resolve("bin/java").toString());
        command.add("-jar");
        command.add(installation.resolve("glassfish/lib/client/appserver-cli.jar").toString());
        command.add("--interactive=false");
        command.addAll(List.of(arguments));
        var subcommand = Stream.of(arguments).filter(a -> !a.startsWith("-") && !a.matches("[0-9.]+"))
                .findFirst().orElse("asadmin");
        var output = commandLogs.resolve(String.format("%02d-%s.log", commandCounter.incrementAndGet(), subcommand));

        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        var env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("SWITCHBOARD_") || key.startsWith("AS_ADMIN_"));
        env.put("AS_JAVA", java.toString());
        env.put("JAVA_HOME", java.toString());
        env.putAll(environment);
        var process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        var text = Files.readString(output, StandardCharsets.UTF_8);
        return new CommandResult(String.join(" ", arguments), finished ? process.exitValue() : -1, !finished,
                text);
    }

    /**
     * Turns the bundled OpenMQ broker off (jms-service type DISABLED) in the DAS configuration, before the first
     * start. A new domain's server-config has no jms-service element (the server adds an EMBEDDED one with its
     * defaults at start), so it is added here.
     */
    private void disableOpenMq() throws IOException {
        var domainXml = domainDirectory().resolve("config/domain.xml");
        var xml = Files.readString(domainXml, StandardCharsets.UTF_8);
        int config = xml.indexOf("<config name=\"server-config\"");
        int end = config < 0 ? -1 : xml.indexOf("</config>", config);
        if (config < 0 || end < 0) {
            throw new IllegalStateException("No server-config in " + domainXml);
        }
        var serverConfig = xml.substring(config, end);
        if (serverConfig.contains("<jms-service")) {
            serverConfig = serverConfig.replaceFirst("(<jms-service[^>]*?)\\btype=\"[A-Z]+\"", "$1type=\"DISABLED\"");
            if (!serverConfig.matches("(?s).*<jms-service[^>]*\\btype=\"DISABLED\".*")) {
                throw new IllegalStateException("Cannot set the jms-service type in server-config of " + domainXml);
            }
        } else {
            serverConfig += "    <jms-service type=\"DISABLED\" default-jms-host=\"default_JMS_host\">\n"
                    + "                <jms-host name=\"default_JMS_host\" host=\"localhost\""
                    + " port=\"${JMS_PROVIDER_PORT}\" lazy-init=\"true\" />\n"
                    + "            </jms-service>\n        ";
        }
        xml = xml.substring(0, config) + serverConfig + xml.substring(end);
        Files.writeString(domainXml, xml, StandardCharsets.UTF_8);
    }

    /**
     * C1 only and the serial collector for the server's JVM, as the system tests' nodes have them
     * ({@code it.node.jvm.options}): starting the server and deploying the EAR then cost far less CPU.
     */
    private void compileLessWhileStarting() throws IOException {
        var domainXml = domainDirectory().resolve("config/domain.xml");
        var xml = Files.readString(domainXml, StandardCharsets.UTF_8);
        int config = xml.indexOf("<config name=\"server-config\"");
        int end = config < 0 ? -1 : xml.indexOf("</config>", config);
        var heap = "<jvm-options>-Xmx512m</jvm-options>";
        int at = config < 0 ? -1 : xml.indexOf(heap, config);
        if (at < 0 || at > end) {
            throw new IllegalStateException("No " + heap + " in server-config of " + domainXml);
        }
        xml = xml.substring(0, at) + "<jvm-options>-XX:TieredStopAtLevel=1</jvm-options>\n        "
                + "<jvm-options>-XX:+UseSerialGC</jvm-options>\n        " + xml.substring(at);
        Files.writeString(domainXml, xml, StandardCharsets.UTF_8);
    }

    private Optional<ProcessHandle> readServerPid() {
        var pidFile = domainDirectory().resolve("config/pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A server of an earlier run of this very domain (its pid file, its directory on the command line). */
    private static void killLeftover(Path domainDirectory) {
        var pidFile = domainDirectory.resolve("config/pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().commandLine()
                            .map(line -> line.contains(domainDirectory.toString())).orElse(false))
                    .ifPresent(PayaraServerDomain::kill);
        } catch (IOException | NumberFormatException e) {
            // No usable pid: nothing of ours to kill.
        }
    }

    private static void kill(ProcessHandle process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Reported by the caller's next start failing on its ports at worst.
            }
        }
    }

    private static int freePortBase() {
        var random = ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) {
            int base = LOWEST_BASE + 100 * random.nextInt((HIGHEST_BASE - LOWEST_BASE) / 100);
            boolean allFree = true;
            for (int offset : PORT_OFFSETS) {
                if (FORBIDDEN_PORTS.contains(base + offset) || !free(base + offset)) {
                    allFree = false;
                    break;
                }
            }
            if (allFree) {
                return base;
            }
        }
        throw new IllegalStateException("No free port base between " + LOWEST_BASE + " and " + HIGHEST_BASE);
    }

    private static boolean free(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    record CommandResult(String command, int exitCode, boolean timedOut, String output) {

        boolean succeeded() {
            return !timedOut && exitCode == 0;
        }

        @Override
        public String toString() {
            return "asadmin " + command + (timedOut ? " timed out" : " exited with " + exitCode) + ":\n" + output;
        }
    }
}
