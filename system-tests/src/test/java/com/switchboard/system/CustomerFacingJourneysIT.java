package com.switchboard.system;

import com.switchboard.system.support.BrowserJourney;
import com.switchboard.system.support.Directories;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.NodeLog;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SwitchboardProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the customer side sees of the contact center, in headless Chromium on the embedded defaults (H2 and the
 * embedded broker): the names visitors see for agents (operator-names.test.mjs) and the customer card beside a
 * conversation in the agent console (customer-card.test.mjs). The node's log holds no stack
 * trace and no SEVERE line afterwards.
 */
class CustomerFacingJourneysIT {

    @Test
    void customerFacingJourneysOnTheEmbeddedDefaults() throws Exception {
        var dataDir = Path.of(System.getProperty("it.work", "target/it-work"), "customer-facing-data")
                .toAbsolutePath();
        Directories.recreate(dataDir);
        try (var node = SwitchboardProcess.launch("customer-facing", Map.of(
                "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_BROKER_PORT", Integer.toString(FreePorts.next()),
                "SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL,
                "SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD,
                "SWITCHBOARD_WEBSOCKET_ORIGINS", SharedSwitchboard.ALLOWED_ORIGINS))) {
            node.awaitReady(Duration.ofMinutes(4));
            for (var file : new String[] {"operator-names.test.mjs", "customer-card.test.mjs"}) {
                BrowserJourney.at(file, node.appUrl())
                        .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                        .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                        .timeout(Duration.ofMinutes(5))
                        .run();
            }
            NodeLog.assertClean(node.output());
        }
    }
}
