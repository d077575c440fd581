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
 * The visitor widget and the agent console together in headless Chromium: src/test/browser/chat.test.mjs (each
 * journey provisions an inbox and agents of its own through the admin API).
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class ChatBrowserIT {

    @Test
    void chatJourneys(Instance switchboard) throws Exception {
        BrowserJourney.of("chat.test.mjs", switchboard)
                .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                .with("SWITCHBOARD_ALLOWED_ORIGINS", SharedSwitchboard.ALLOWED_ORIGINS)
                .timeout(Duration.ofMinutes(6))
                .run();
    }
}
