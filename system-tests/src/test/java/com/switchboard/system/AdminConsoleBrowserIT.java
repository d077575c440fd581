package com.switchboard.system;

import com.switchboard.system.support.BrowserJourney;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SharedSwitchboard.Instance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin console's journeys in headless Chromium: src/test/browser/admin-console.test.mjs. */
@ExtendWith(SharedSwitchboard.class)
class AdminConsoleBrowserIT {

    @Test
    void adminConsoleJourneys(Instance switchboard) throws Exception {
        BrowserJourney.of("admin-console.test.mjs", switchboard)
                .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                .run();
    }
}
