package com.switchboard.system;

import com.switchboard.system.support.BrowserJourney;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The agent console's tools around live chats in headless Chromium: src/test/browser/console.test.mjs (each journey
 * provisions an inbox and agents of its own through the admin API).
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class ConsoleBrowserIT {

    @Test
    void consoleJourneys(Instance switchboard) throws Exception {
        BrowserJourney.of("console.test.mjs", switchboard)
                .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                .timeout(Duration.ofMinutes(6))
                .run();
    }
}
