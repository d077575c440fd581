package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.ExternalArtemis;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.MariaDb;
import com.switchboard.system.support.SwitchboardProcess;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A start that cannot succeed ends at once with a non-zero exit and a line that says what to fix; Payara Micro
 * alone would keep serving 404s.
 */
@ResourceLock(Lanes.OWN_NODES)
class DeploymentFailureIT {

    private static final String DATABASE = "switchboard_failures";

    @Test
    void aWrongDatabasePasswordIsNamedBeforeAnythingStarts() throws Exception {
        MariaDb.recreate(DATABASE);
        try (var switchboard = SwitchboardProcess.launch("wrong-database-password", external(Map.of(
                "SWITCHBOARD_DB_PASSWORD", "not-the-password")))) {

            assertEquals(2, switchboard.awaitExit(Duration.ofMinutes(2)), switchboard.tail());
            assertTrue(anyLine(switchboard, line -> line.startsWith("switchboard: SWITCHBOARD_DB_URL / SWITCHBOARD_DB_USER "
                    + "/ SWITCHBOARD_DB_PASSWORD: cannot connect to " + MariaDb.jdbcUrl(DATABASE)) && line.contains("Access denied")),
                    switchboard.tail());
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerIsNamed() throws Exception {
        int nobodyListens = FreePorts.next();
        try (var switchboard = SwitchboardProcess.launch("no-broker", Map.of(
                "SWITCHBOARD_BROKER_HOST", "127.0.0.1",
                "SWITCHBOARD_BROKER_PORT", Integer.toString(nobodyListens),
                "SWITCHBOARD_DATA_DIR", "data"))) {

            assertEquals(2, switchboard.awaitExit(Duration.ofMinutes(2)), switchboard.tail());
            assertTrue(anyLine(switchboard, line -> line.startsWith("switchboard: SWITCHBOARD_BROKER_HOST / "
                    + "SWITCHBOARD_BROKER_PORT: no Artemis broker answers at tcp://127.0.0.1:" + nobodyListens)),
                    switchboard.tail());
        }
    }

    @Test
    void aBrokerThatRefusesTheCredentialsIsNamed() throws Exception {
        var work = Path.of(System.getProperty("it.work", "target/it-work")).toAbsolutePath();
        try (var broker = ExternalArtemis.start(work.resolve("refusing-broker"));
             var switchboard = SwitchboardProcess.launch("wrong-broker-password", Map.of(
                     "SWITCHBOARD_BROKER_HOST", "127.0.0.1",
                     "SWITCHBOARD_BROKER_PORT", Integer.toString(broker.port()),
                     "SWITCHBOARD_BROKER_USER", ExternalArtemis.APP_USER,
                     "SWITCHBOARD_BROKER_PASSWORD", "not-the-password",
                     "SWITCHBOARD_DATA_DIR", "data"))) {

            assertEquals(2, switchboard.awaitExit(Duration.ofMinutes(2)), switchboard.tail());
            assertTrue(anyLine(switchboard, line -> line.startsWith("switchboard: SWITCHBOARD_BROKER_USER / "
                    + "SWITCHBOARD_BROKER_PASSWORD: the broker at tcp://127.0.0.1:" + broker.port() + " refused them")),
                    switchboard.tail());
        }
    }

    @Test
    void anApplicationThatCannotDeploySaysSoAndExitsNonZero() throws Exception {
        // The user can connect (the pre-flight check passes) but may not create tables: the migration fails.
        MariaDb.recreate(DATABASE);
        MariaDb.createReadOnlyUser(DATABASE, "switchboard_reader", "reader-password");
        try (var switchboard = SwitchboardProcess.launch("cannot-migrate", external(Map.of(
                "SWITCHBOARD_DB_USER", "switchboard_reader",
                "SWITCHBOARD_DB_PASSWORD", "reader-password")))) {

            assertEquals(1, switchboard.awaitExit(Duration.ofMinutes(5)), switchboard.tail());
            assertTrue(switchboard.output().contains("switchboard: the application did not deploy; the log above says why."),
                    switchboard.tail());
        }
    }

    private static Map<String, String> external(Map<String, String> overrides) throws SQLException {
        var env = new HashMap<>(Map.of(
                "SWITCHBOARD_DB_URL", MariaDb.jdbcUrl(DATABASE),
                "SWITCHBOARD_DB_USER", MariaDb.APP_USER,
                "SWITCHBOARD_DB_PASSWORD", MariaDb.APP_PASSWORD,
                "SWITCHBOARD_BROKER_PORT", Integer.toString(FreePorts.next()),
                "SWITCHBOARD_DATA_DIR", "data"));
        env.putAll(overrides);
        return env;
    }

    private static boolean anyLine(SwitchboardProcess switchboard, Predicate<String> test) {
        return switchboard.output().stream().anyMatch(test);
    }
}
