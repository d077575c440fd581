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
 * Chat correctness where people work, in headless Chromium: src/test/browser/agent-day.test.mjs (an archived chat
 * after a reload, a conversation deleted while it is open, the verified visitor's lock in toasts and on the live
 * dashboard, actions not offered to who may not take them, colleagues invited in who leave, the overdue chats on
 * the live dashboard). EmbeddedJourneysIT runs the same file on the embedded defaults.
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class AgentDayBrowserIT {

    @Test
    void agentDayJourneys(Instance switchboard) throws Exception {
        BrowserJourney.of("agent-day.test.mjs", switchboard)
                .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                .timeout(Duration.ofMinutes(6))
                .run();
    }
}
