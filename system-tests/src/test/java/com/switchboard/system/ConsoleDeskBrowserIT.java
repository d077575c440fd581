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
 * What the agent sees of the visitor and does by keyboard, in headless Chromium:
 * src/test/browser/console-desk.test.mjs (the identity secret in the admin console and the verified visitor's
 * lock, the page context live, keyboard access and the action bar, tabs that do not outlive their conversations).
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class ConsoleDeskBrowserIT {

    @Test
    void deskJourneys(Instance switchboard) throws Exception {
        BrowserJourney.of("console-desk.test.mjs", switchboard)
                .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                .timeout(Duration.ofMinutes(4))
                .run();
    }
}
