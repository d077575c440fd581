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
 * Customer tags beyond the card, in headless Chromium on MariaDB and an external broker:
 * src/test/browser/customer-tags.test.mjs (the list's filter by customer tags, the catalogue's admin page, an open
 * card following other agents' and the customer's changes live, the offline form as a source). EmbeddedJourneysIT
 * runs the same journeys on the embedded defaults.
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class CustomerTagsBrowserIT {

    @Test
    void customerTagJourneys(Instance switchboard) throws Exception {
        BrowserJourney.of("customer-tags.test.mjs", switchboard)
                .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                .timeout(Duration.ofMinutes(5))
                .run();
    }
}
