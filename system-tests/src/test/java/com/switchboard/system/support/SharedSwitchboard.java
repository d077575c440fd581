package com.switchboard.system.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Switchboard for all test classes that ask for it, in its production configuration: MariaDB (a database of
 * its own, recreated at start) and an external Artemis broker (started here), so neither H2 nor the embedded
 * broker. Started once per test JVM, stopped at its end. Each test class leaves its log clean: a SEVERE line or a
 * stack trace logged while it ran fails it ({@link NodeLog}); the classes on this node run one at a time
 * ({@link Lanes}), so what the node logged meanwhile is theirs.
 */
public final class SharedSwitchboard implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    public static final String DATABASE = "switchboard_system";
    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String ADMIN_PASSWORD = "first-admin-secret";
    public static final String SHOP_ORIGIN = "https://shop.example.com";
    public static final String ALLOWED_ORIGINS = "http://127.0.0.1:*,http://localhost:*," + SHOP_ORIGIN;

    /** What the tests need to know about the running instance. */
    public record Instance(SwitchboardProcess process, TestBroker broker) {
        public String appUrl() {
            return process.appUrl();
        }

        public String wsUrl() {
            return process.wsUrl();
        }
    }

    private static final class Handle implements ExtensionContext.Store.CloseableResource {
        final Instance instance;

        Handle(Instance instance) {
            this.instance = instance;
        }

        @Override
        public void close() throws Throwable {
            try {
                instance.process().close();
            } finally {
                instance.broker().close();
            }
        }
    }

    private static final ExtensionContext.Namespace LOG_LINES = ExtensionContext.Namespace.create(
            SharedSwitchboard.class, "log lines");

    @Override
    public void beforeAll(ExtensionContext context) {
        // The first class to ask starts the node: its start-up's log is that class's to check.
        boolean started = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .get(SharedSwitchboard.class) != null;
        var lines = instance(context).process().output().size();
        context.getStore(LOG_LINES).put(context.getRequiredTestClass(), started ? lines : 0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass().getSimpleName().endsWith("Bench")) {
            return; // a bench drives the node past its limits on purpose, and says what that cost
        }
        int from = context.getStore(LOG_LINES).get(context.getRequiredTestClass(), Integer.class);
        var output = instance(context).process().output();
        NodeLog.assertClean(output.subList(from, output.size()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Instance.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return instance(context);
    }

    private static Instance instance(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedSwitchboard.class, key -> start(), Handle.class).instance;
    }

    private static Handle start() {
        try {
            MariaDb.recreate(DATABASE);
            var work = Path.of(System.getProperty("it.work", "target/it-work")).toAbsolutePath();
            var broker = TestBroker.start("switchboard-system-it", work.resolve("shared-broker"));
            SwitchboardProcess process = null;
            try {
                process = SwitchboardProcess.launchWithFullJit("shared", Map.of(
                        "SWITCHBOARD_DB_URL", MariaDb.jdbcUrl(DATABASE),
                        "SWITCHBOARD_DB_USER", MariaDb.APP_USER,
                        "SWITCHBOARD_DB_PASSWORD", MariaDb.APP_PASSWORD,
                        "SWITCHBOARD_BROKER_HOST", "127.0.0.1",
                        "SWITCHBOARD_BROKER_PORT", Integer.toString(broker.port()),
                        "SWITCHBOARD_DATA_DIR", "data",
                        "SWITCHBOARD_ADMIN_EMAIL", ADMIN_EMAIL,
                        "SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD,
                        // The product's own pages (any test port) and one site embedding the widget.
                        "SWITCHBOARD_WEBSOCKET_ORIGINS", ALLOWED_ORIGINS));
                process.awaitReady(Duration.ofMinutes(4));
            } catch (Throwable e) {
                if (process != null) {
                    process.close();
                }
                broker.close();
                throw e;
            }
            return new Handle(new Instance(process, broker));
        } catch (Throwable e) {
            throw new IllegalStateException("Could not start Switchboard: " + e.getMessage(), e);
        }
    }
}
