package com.switchboard.system;

import com.switchboard.system.support.BrowserJourney;
import com.switchboard.system.support.Directories;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.NodeLog;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SwitchboardProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Journeys in headless Chromium on the embedded defaults, H2 and the embedded broker, which is what a newcomer
 * runs: the chat (chat.test.mjs: the widget and the agent console), the names visitors see for agents
 * (operator-names.test.mjs), the customer card beside a conversation (customer-card.test.mjs) and the agent's day
 * (agent-day.test.mjs: archived and deleted chats, rights, the verified lock, invitees, the dashboard's overdue
 * chats), one node for all four. The other journeys run on MariaDB with an external broker, as production does;
 * each journey runs once, on one of the two, and the in-container tests check the server's side of every feature
 * on MariaDB. The node's log holds no stack trace and no SEVERE line afterwards.
 */
@ResourceLock(Lanes.OWN_NODES)
class EmbeddedJourneysIT {

    @Test
    void journeysOnTheEmbeddedDefaults() throws Exception {
        var dataDir = Path.of(System.getProperty("it.work", "target/it-work"), "journeys-data").toAbsolutePath();
        Directories.recreate(dataDir);
        try (var node = SwitchboardProcess.launchWithFullJit("embedded-journeys", Map.of(
                "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_BROKER_PORT", Integer.toString(FreePorts.next()),
                "SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL,
                "SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD,
                // The product's own pages and the journeys' shop page, which embeds the widget.
                "SWITCHBOARD_WEBSOCKET_ORIGINS", SharedSwitchboard.ALLOWED_ORIGINS,
                // One policy "minute" of the inactivity rule lasts a second here (chat.test.mjs's silence).
                "SWITCHBOARD_INACTIVITY_UNIT", "PT1S"))) {
            node.awaitReady(Duration.ofMinutes(4));
            for (var file : List.of("chat.test.mjs", "operator-names.test.mjs", "customer-card.test.mjs",
                    "agent-day.test.mjs")) {
                BrowserJourney.at(file, node.appUrl())
                        .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                        .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                        .with("SWITCHBOARD_ALLOWED_ORIGINS", SharedSwitchboard.ALLOWED_ORIGINS)
                        .timeout(Duration.ofMinutes(6))
                        .run();
            }
            NodeLog.assertClean(node.output());
        }
    }
}
