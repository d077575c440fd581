package com.switchboard.system.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real, separate Artemis broker as an installation runs it: the distribution from Maven Central (unpacked by the
 * build into target/), an instance made with {@code artemis create}, the address settings of jms-config's
 * {@code switchboard-broker.xml} put into its {@code broker.xml}, the security settings of docs/JMS-CONTRACT.md,
 * and {@code artemis run} as its own process. One CORE-only acceptor on loopback at a free port (never 5672/1883).
 * Its CLI is the legacy system's client.
 */
public final class ExternalArtemis implements AutoCloseable {

    /**
     * The application's user (role amq: consumes the inbound queue, publishes events). The broker requires a
     * login: the application's MDBs and its own sends both sign on with SWITCHBOARD_BROKER_USER.
     */
    public static final String APP_USER = "switchboard";
    public static final String APP_PASSWORD = "switchboard-broker-secret";
    /** A legacy system allowed to post (role crm) and to subscribe to the events. */
    public static final String SENDER_USER = "crm";
    public static final String SENDER_PASSWORD = "crm-secret";
    /** A user the broker knows but who may not post to Switchboard (role guest). */
    public static final String STRANGER_USER = "stranger";
    public static final String STRANGER_PASSWORD = "stranger-secret";

    private static final String QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    private static final Path DISTRIBUTION = Path.of(System.getProperty("it.artemis.home",
            "target/artemis/apache-artemis-2.56.0")).toAbsolutePath();

    private Process process;
    private final Path instance;
    private final int port;

    private ExternalArtemis(Process process, Path instance, int port) {
        this.process = process;
        this.instance = instance;
        this.port = port;
    }

    public static ExternalArtemis start(Path directory) throws Exception {
        int port = FreePorts.next();
        var instance = Directories.recreate(directory).resolve("broker");
        run(List.of("bash", cli().toString(), "create", instance.toString(), "--silent", "--force",
                "--user", APP_USER, "--password", APP_PASSWORD, "--role", "amq", "--require-login",
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                "--no-web", "--no-autotune", "--no-fsync", "--host", "127.0.0.1",
                "--default-port", Integer.toString(port)), Duration.ofSeconds(60));
        configure(instance);
        var broker = new ExternalArtemis(run(instance), instance, port);
        try {
            broker.awaitListening(Duration.ofSeconds(60), broker.log());
        } catch (Exception e) {
            // The caller never holds it to close it: a broker left running slows every test after it.
            try {
                broker.kill();
            } catch (Exception notKilled) {
                e.addSuppressed(notKilled);
            }
            throw e;
        }
        return broker;
    }

    private static Process run(Path instance) throws IOException {
        var log = instance.resolve("log/run.out");
        Files.createDirectories(log.getParent());
        return new ProcessBuilder("bash", instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private Path log() {
        return instance.resolve("log/run.out");
    }

    /**
     * Kills the broker as a crash does (SIGKILL to its JVM and the script that started it: nothing flushed, no
     * goodbye to its clients) and waits until its port is free.
     */
    public void kill() throws Exception {
        var handles = new ArrayList<ProcessHandle>();
        process.toHandle().descendants().forEach(handles::add);
        handles.add(process.toHandle());
        handles.forEach(ProcessHandle::destroyForcibly);
        for (var handle : handles) {
            handle.onExit().get(30, TimeUnit.SECONDS);
        }
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (var socket = new Socket("127.0.0.1", port)) {
                Thread.sleep(100);
            } catch (IOException closed) {
                return;
            }
        }
        throw new IllegalStateException("Artemis still listening on " + port + " after SIGKILL");
    }

    /** Starts the same instance again (its journal, its port), as a service manager restarts a crashed broker. */
    public void restart() throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("Artemis is still running");
        }
        process = run(instance);
        awaitListening(Duration.ofSeconds(60), log());
    }

    /** Switchboard's addresses and their settings, CORE only on the acceptor, and who may send what. */
    private static void configure(Path instance) throws IOException {
        var file = instance.resolve("etc/broker.xml");
        var xml = Files.readString(file);
        var ours = switchboardBrokerXml();
        xml = replaceBlock(xml, "address-settings", block(ours, "address-settings"));
        xml = xml.replace("</addresses>", inner(ours, "addresses") + "\n      </addresses>");
        xml = xml.replace("</security-settings>", SECURITY + "\n      </security-settings>");
        xml = xml.replaceFirst("protocols=[A-Z,]+", "protocols=CORE");
        // The broker names the sending user on each message, as docs/OPERATIONS.md tells an installation.
        xml = xml.replace("</core>", "  <id-cache-size>" + inner(ours, "id-cache-size").trim()
                + "</id-cache-size>\n      <populate-validated-user>true</populate-validated-user>\n   </core>");
        Files.writeString(file, xml);
        // A small broker: the test machine runs MariaDB, Switchboard and the build beside it. C1 only and the
        // serial collector, as the nodes (it.node.jvm.options): it starts, and starts again, on less CPU.
        var profile = instance.resolve("etc/artemis.profile");
        Files.writeString(profile, Files.readString(profile).replaceAll("-Xms\\w+", "-Xms64M")
                .replaceAll("-Xmx\\w+", "-Xmx512M").replace("-XX:+UseG1GC", QUICK_JVM));
        // Plain-text passwords: a test broker (an installation uses `artemis user add`, which stores hashes).
        Files.writeString(instance.resolve("etc/artemis-users.properties"), "\n" + SENDER_USER + " = "
                + SENDER_PASSWORD + "\n" + STRANGER_USER + " = " + STRANGER_PASSWORD + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(instance.resolve("etc/artemis-roles.properties"), "\ncrm = " + SENDER_USER + "\nguest = "
                + STRANGER_USER + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    /** The same security settings docs/JMS-CONTRACT.md tells an installation to use. */
    private static final String SECURITY = """
                     <security-setting match="switchboard.inbound">
                        <permission type="send" roles="crm"/>
                        <permission type="consume" roles="amq"/>
                        <permission type="browse" roles="amq"/>
                     </security-setting>
                     <security-setting match="switchboard.inbound.dlq">
                        <permission type="send" roles="amq"/>
                        <permission type="consume" roles="amq,crm"/>
                        <permission type="browse" roles="amq,crm"/>
                     </security-setting>
                     <security-setting match="switchboard.events">
                        <permission type="send" roles="amq"/>
                        <permission type="createNonDurableQueue" roles="amq,crm"/>
                        <permission type="deleteNonDurableQueue" roles="amq,crm"/>
                        <permission type="createDurableQueue" roles="amq,crm"/>
                        <permission type="deleteDurableQueue" roles="amq,crm"/>
                        <permission type="consume" roles="amq,crm"/>
                     </security-setting>""";

    private static String switchboardBrokerXml() throws IOException {
        try (InputStream in = ExternalArtemis.class.getResourceAsStream(
                "/com/switchboard/messaging/switchboard-broker.xml")) {
            if (in == null) {
                throw new IllegalStateException("switchboard-broker.xml (jms-config) is not on the class path");
            }
            // Without its comments, which name the elements too.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)<!--.*?-->", "");
        }
    }

    /** The element's first occurrence that starts a line (so not one named in a comment), with its content. */
    private static String block(String xml, String element) {
        var matcher = elementPattern(element).matcher(xml);
        if (!matcher.find()) {
            throw new IllegalStateException("no <" + element + "> in switchboard-broker.xml");
        }
        return matcher.group();
    }

    private static String inner(String xml, String element) {
        var whole = block(xml, element);
        return whole.substring(element.length() + 2, whole.length() - element.length() - 3);
    }

    private static String replaceBlock(String xml, String element, String replacement) {
        return elementPattern(element).matcher(xml).replaceFirst(Matcher.quoteReplacement(replacement));
    }

    private static Pattern elementPattern(String element) {
        return Pattern.compile("(?<=^[ \\t]{0,40})<" + element + ">.*?</" + element + ">",
                Pattern.DOTALL | Pattern.MULTILINE);
    }

    private void awaitListening(Duration timeout, Path log) throws Exception {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Artemis ended:\n" + Files.readString(log));
            }
            try (var socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("Artemis not listening after " + timeout + ":\n" + Files.readString(log));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The distribution's CLI, as a legacy system's operator would run it; returns its exit code and output. */
    public CliResult cli(String... arguments) throws Exception {
        var command = new ArrayList<String>();
        command.add("bash");
        command.add(cli().toString());
        command.addAll(List.of(arguments));
        return run(command, Duration.ofSeconds(60));
    }

    public record CliResult(int exitCode, String output) {
    }

    private static Path cli() {
        var cli = DISTRIBUTION.resolve("bin/artemis");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("No Artemis distribution at " + DISTRIBUTION
                    + " (the build unpacks it in pre-integration-test)");
        }
        return cli;
    }

    private static CliResult run(List<String> command, Duration timeout) throws Exception {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The CLI's own JVM (create, producer, queue stat ...): one short run each.
        builder.environment().put("JAVA_ARGS", "-Xms64M -Xmx512M " + QUICK_JVM);
        var process = builder.start();
        var output = new StringBuilder();
        var reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process ended; what was read is kept
            }
        });
        reader.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " still running after " + timeout);
        }
        reader.join(5000);
        var result = new CliResult(process.exitValue(), output.toString());
        if (command.contains("create") && result.exitCode() != 0) {
            throw new IllegalStateException("artemis create failed:\n" + result.output());
        }
        return result;
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    public Path instance() {
        return instance;
    }
}
