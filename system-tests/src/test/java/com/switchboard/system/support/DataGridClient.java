package com.switchboard.system.support;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import java.util.List;

/** A Hazelcast client, as anyone with the library could run it against the nodes' data grid (Payara's Hazelcast). */
public final class DataGridClient {

    private DataGridClient() {
    }

    /**
     * Tries to connect with the given cluster name to any of the addresses ({@code host:port}); returns how many
     * members the grid it got into has, or -1 when the grid did not let it in within a few seconds.
     */
    public static int members(String clusterName, List<String> addresses) {
        var config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "none");
        addresses.forEach(config.getNetworkConfig()::addAddress);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(5000);
        try {
            var client = HazelcastClient.newHazelcastClient(config);
            try {
                return client.getCluster().getMembers().size();
            } finally {
                client.shutdown();
            }
        } catch (IllegalStateException refused) { // "Unable to connect to any cluster."
            return -1;
        }
    }
}
