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
 * The customer card beside a conversation (src/test/browser/customer-card.test.mjs) and the names visitors see for
 * agents (operator-names.test.mjs), in headless Chromium on MariaDB and an external broker, as production runs them.
 * EmbeddedJourneysIT runs the same journeys on the embedded defaults.
 */
@ExtendWith(SharedSwitchboard.class)
@ResourceLock(Lanes.SHARED_NODE)
class CustomerCardBrowserIT {

    @Test
    void customerCardJourneys(Instance switchboard) throws Exception {
        journey("customer-card.test.mjs", switchboard);
    }

    @Test
    void operatorNameJourneys(Instance switchboard) throws Exception {
        journey("operator-names.test.mjs", switchboard);
    }

    private static void journey(String file, Instance switchboard) throws Exception {
        BrowserJourney.of(file, switchboard)
                .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                .timeout(Duration.ofMinutes(5))
                .run();
    }
}
