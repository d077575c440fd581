package com.switchboard.system.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Switchboard for all test classes that ask for it, in its production configuration: MariaDB (a database of
 * its own, recreated at start) and an external Artemis broker (started here), so neither H2 nor the embedded
 * broker. Started once per test JVM, stopped at its end.
 */
public final class SharedSwitchboard implements BeforeAllCallback, ParameterResolver {

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

    @Override
    public void beforeAll(ExtensionContext context) {
        instance(context);
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
