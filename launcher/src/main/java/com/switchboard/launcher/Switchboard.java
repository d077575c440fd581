package com.switchboard.launcher;

import fish.payara.micro.ClusterCommandResult;
import fish.payara.micro.PayaraMicro;
import fish.payara.micro.PayaraMicroRuntime;
import fish.payara.micro.boot.AdminCommandRunner;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Runs Switchboard in one JVM: the embedded broker and database unless production settings name external
 * ones, then Payara Micro with the resource adapter and the application. Returns only when it stops; exits
 * non-zero when the application does not come up.
 */
public final class Switchboard {

    /** How long stopping may take before the process halts anyway. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(45);

    static final String APPLICATION = "switchboard";
    static final String RESOURCE_ADAPTER = "artemis-rar";
    static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private Switchboard() {
    }

    public static void main(String[] args) throws Exception {
        LauncherSettings settings;
        try {
            settings = LauncherSettings.from(System.getenv());
            settings.brokers(); // validates the broker list before anything starts
        } catch (IllegalArgumentException e) {
            System.err.println("switchboard: " + e.getMessage());
            System.exit(2);
            return;
        }
        var problems = Preflight.problems(settings, System.getenv());
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("switchboard: " + problem));
            System.exit(2);
            return;
        }
        var home = Path.of(System.getProperty("switchboard.home", ".")).toAbsolutePath().normalize();
        var deployments = home.resolve("deployments");
        Files.createDirectories(settings.dataDir());
        settings.applicationProperties(System.getenv()).forEach(System::setProperty);

        // The broker starts while Payara Micro boots; the deployments wait for it (see the post-boot handler).
        var broker = settings.embeddedBroker() ? EmbeddedBroker.startInBackground() : null;
        var unpacked = UnpackedRuntime.under(settings.dataDir().resolve("runtime"));
        PayaraMicro.setUpackedJarDir(unpacked.folder().toFile());
        // The runtime names itself and its version in its error pages unless told another name.
        System.setProperty("product.name", "Switchboard");
        // Before the application has deployed its checks, readiness is DOWN, not an empty UP.
        System.setProperty("mp.health.default.readiness.empty.response", "DOWN");
        var dataGrid = settings.dataGrid();
        dataGrid.systemProperties().forEach(System::setProperty);
        PayaraMicroRuntime runtime = PayaraMicro.getInstance()
                .setHttpPort(settings.httpPort())
                // Not setNoCluster: it leaves Hazelcast running, listening on every address (and wins over this).
                .setNoHazelcast(!dataGrid.clustered())
                .setPreBootHandler(commands -> {
                    ExpiredCertificates.removeFrom(unpacked.folder().resolve("config").resolve("cacerts.p12"),
                            Instant.now());
                    hardenTheServer(commands);
                    configureDataGrid(commands, dataGrid);
                })
                // Runs after boot and before the deployments, so the adapter starts with it and finds the broker up.
                .setPostBootHandler(commands -> {
                    configureResourceAdapter(commands, settings);
                    if (broker != null) {
                        EmbeddedBroker.await(broker);
                    }
                })
                .addDeploymentFile(deployments.resolve(RESOURCE_ADAPTER + ".rar").toFile())
                .addDeploymentFile(deployments.resolve(APPLICATION + ".war").toFile())
                .bootStrap();
        EmbeddedBroker.quietAuditLog(); // again: Payara's boot reset the logging configuration
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(runtime, broker, unpacked),
                "switchboard-stop"));

        if (!runtime.getDeployedApplicationNames().contains(APPLICATION)) {
            fail(HealthProbe.NOT_DEPLOYED);
        }
        new HealthProbe(settings.httpPort()).awaitReady(READY_TIMEOUT).ifPresent(Switchboard::fail);
        printWelcome(settings);
    }

    /**
     * No version banner on every response, and none of the runtime's own endpoints besides health: the OpenAPI
     * document and the metrics would tell anyone what runs here and how busy it is. Session cookies say SameSite
     * (Lax): Payara writes the session cookie it makes itself without web.xml's attribute.
     */
    private static void hardenTheServer(AdminCommandRunner commands) {
        var http = "configs.config.server-config.network-config.protocols.protocol.http-listener.http.";
        run(commands, "set", http + "server-header=false");
        run(commands, "set", http + "cookie-same-site-value=Lax");
        run(commands, "set", http + "cookie-same-site-enabled=true");
        run(commands, "set-openapi-configuration", "--enabled=false");
        // A dotted name: the metrics' own command cannot run before the boot.
        run(commands, "set", "configs.config.server-config.microprofile-metrics-configuration.enabled=false");
    }

    private static void run(AdminCommandRunner commands, String... command) {
        var result = commands.run(command[0], Arrays.copyOfRange(command, 1, command.length));
        if (result.getExitStatus() != ClusterCommandResult.ExitStatus.SUCCESS) {
            throw new IllegalStateException("Could not " + String.join(" ", command) + ": " + result.getOutput(),
                    result.getFailureCause());
        }
    }

    private static void configureDataGrid(AdminCommandRunner commands, DataGrid dataGrid) {
        if (!dataGrid.clustered()) {
            return;
        }
        for (var setting : dataGrid.clusterSettings()) {
            var result = commands.run("set", setting);
            if (result.getExitStatus() != ClusterCommandResult.ExitStatus.SUCCESS) {
                throw new IllegalStateException("Could not configure the data grid (" + setting.substring(0,
                        setting.indexOf('=')) + "): " + result.getOutput(), result.getFailureCause());
            }
        }
    }

    private static void configureResourceAdapter(AdminCommandRunner commands, LauncherSettings settings) {
        var result = commands.run("create-resource-adapter-config", "--property",
                settings.resourceAdapterProperties(), RESOURCE_ADAPTER);
        if (result.getExitStatus() != ClusterCommandResult.ExitStatus.SUCCESS) {
            throw new IllegalStateException("Could not configure the resource adapter: " + result.getOutput(),
                    result.getFailureCause());
        }
    }

    private static void printWelcome(LauncherSettings settings) {
        var base = "http://localhost:" + settings.httpPort() + "/" + APPLICATION;
        System.out.println(String.join(System.lineSeparator(),
                "",
                "Switchboard is ready.",
                "  Visitor chat:   " + base + "/visitor.html",
                "  Agent console:  " + base + "/agent.html",
                "  Admin console:  " + base + "/admin/",
                "  Health:         http://localhost:" + settings.httpPort() + "/health",
                "  Database:       " + (settings.embeddedDatabase() ? "embedded H2 in " + settings.dataDir() : "external"),
                "  Broker:         " + (settings.embeddedBroker()
                        ? "embedded Artemis on 127.0.0.1:" + settings.brokerPort() : "external"),
                "Stop with Ctrl-C; data is kept in " + settings.dataDir(),
                ""));
    }

    /**
     * Ctrl-C must end the process even if something hangs while stopping: after {@code limit} the threads are
     * written to stderr (to find what hung) and the JVM halts.
     */
    private static void haltIfStillStoppingAfter(Duration limit) {
        var watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("switchboard: still stopping after " + limit.toSeconds() + " s; halting. Threads:");
            for (var thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                System.err.print(thread);
            }
            Runtime.getRuntime().halt(1);
        }, "switchboard-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void fail(String reason) {
        System.err.println("switchboard: " + reason);
        // The shutdown hook stops Payara Micro and the broker.
        System.exit(1);
    }

    private static void stop(PayaraMicroRuntime runtime, CompletableFuture<EmbeddedBroker> broker,
                             UnpackedRuntime unpacked) {
        haltIfStillStoppingAfter(STOP_LIMIT);
        try {
            runtime.shutdown();
        } catch (IllegalStateException alreadyStopping) {
            // Payara Micro's own shutdown hook got there first.
        } catch (Exception e) {
            System.err.println("switchboard: Payara Micro did not stop cleanly: " + e);
        }
        if (broker != null) {
            try {
                EmbeddedBroker.await(broker).close();
            } catch (Exception e) {
                System.err.println("switchboard: the broker did not stop cleanly: " + e);
            }
        }
        try {
            unpacked.close();
        } catch (Exception e) {
            System.err.println("switchboard: could not remove the unpacked runtime: " + e);
        }
    }
}
