package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.MariaDb;
import com.switchboard.system.support.SwitchboardProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payara Micro keeps serving 404s when an application fails to deploy; the run command must not. */
class DeploymentFailureIT {

    @Test
    void whenTheApplicationCannotDeployTheRunCommandSaysSoAndExitsNonZero() throws Exception {
        try (var switchboard = SwitchboardProcess.launch("unreachable-database", Map.of(
                "SWITCHBOARD_DB_URL", MariaDb.jdbcUrl("switchboard_system"),
                "SWITCHBOARD_DB_USER", MariaDb.APP_USER,
                "SWITCHBOARD_DB_PASSWORD", "not-the-password",
                "SWITCHBOARD_BROKER_PORT", Integer.toString(FreePorts.next()),
                "SWITCHBOARD_DATA_DIR", "data"))) {

            int exitCode = switchboard.awaitExit(Duration.ofMinutes(5));

            assertEquals(1, exitCode, switchboard.tail());
            assertTrue(switchboard.output().contains("switchboard: the application did not deploy; the log above says why."),
                    switchboard.tail());
        }
    }
}
