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
 * What an agent must notice, in headless Chromium: src/test/browser/console-alerts.test.mjs (toasts and sound for a
 * direct assignment, a message off screen, a reopened chat; the list from the socket; overdue replies in the
 * console and on the live dashboard; each journey provisions an inbox and agents of its own).
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class ConsoleAlertsBrowserIT {

    @Test
    void alertJourneys(Instance switchboard) throws Exception {
        BrowserJourney.of("console-alerts.test.mjs", switchboard)
                .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                .timeout(Duration.ofMinutes(4))
                .run();
    }
}
