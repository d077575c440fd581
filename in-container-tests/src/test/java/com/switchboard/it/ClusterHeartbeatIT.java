package com.switchboard.it;

import static com.switchboard.it.Database.dataSource;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.switchboard.cluster.control.ClusterHeartbeat;
import jakarta.ejb.EJB;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cluster's heartbeat: this node's row in cluster_node advances by itself. */
@ExtendWith(ArquillianExtension.class)
class ClusterHeartbeatIT {

    @EJB
    ClusterHeartbeat heartbeat;

    @Test
    public void heartbeatTimerAdvancesLastSeenOfThisNode() throws Exception {
        var node = heartbeat.nodeName();
        assertNotNull(node);
        var first = lastSeen(node).orElseThrow(() -> new AssertionError("no cluster_node row for " + node));
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        Timestamp latest = first;
        while (!latest.after(first) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            latest = lastSeen(node).orElseThrow();
        }
        if (!latest.after(first)) {
            fail("last_seen of " + node + " stayed at " + first + " for 25 s: the @Schedule heartbeat did not fire");
        }
        assertTrue(heartbeat.liveNodes().stream().anyMatch(n -> n.getName().equals(node)),
                "this node counts as live");
    }

    private static Optional<Timestamp> lastSeen(String node) throws Exception {
        try (var connection = dataSource().getConnection();
             var statement = connection.prepareStatement("SELECT last_seen FROM cluster_node WHERE name = ?")) {
            statement.setString(1, node);
            try (var result = statement.executeQuery()) {
                return result.next() ? Optional.of(result.getTimestamp(1)) : Optional.empty();
            }
        }
    }
}
