package com.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataGridTest {

    private static final Map<String, String> CLUSTERED = Map.of(
            "SWITCHBOARD_CLUSTER", "true",
            "SWITCHBOARD_CLUSTER_NAME", "switchboard-prod-4f9c2a71",
            "SWITCHBOARD_CLUSTER_INTERFACE", "10.0.0.5",
            "SWITCHBOARD_CLUSTER_MEMBERS", " 10.0.0.5, 10.0.0.6:6901 ,node-c.internal ");

    @Test
    void withoutClusteringThereIsNoDataGrid() {
        for (var env : List.of(Map.<String, String>of(), Map.of("SWITCHBOARD_CLUSTER", "false"),
                Map.of("SWITCHBOARD_CLUSTER", " "), Map.of("SWITCHBOARD_CLUSTER_NAME", "ignored-without-clustering"))) {
            var grid = DataGrid.from(env);
            assertFalse(grid.clustered(), env.toString());
            assertEquals(Map.of(), grid.systemProperties());
            assertThrows(IllegalStateException.class, grid::clusterSettings);
        }
        assertFalse(LauncherSettings.from(Map.of()).dataGrid().clustered());
    }

    @Test
    void aClusteredNodeListensOnItsAddressOnlyAndFindsTheListedMembers() {
        var grid = DataGrid.from(CLUSTERED);
        assertTrue(grid.clustered());
        assertEquals(List.of(
                "hazelcast-runtime-configuration.cluster-group-name=switchboard-prod-4f9c2a71",
                "hazelcast-runtime-configuration.interface=10.0.0.5",
                "hazelcast-runtime-configuration.start-port=6900",
                "hazelcast-runtime-configuration.discovery-mode=tcpip",
                "hazelcast-runtime-configuration.tcpip-members=10.0.0.5,10.0.0.6:6901,node-c.internal"),
                grid.clusterSettings());
        assertEquals(Map.of("hazelcast.socket.bind.any", "false"), grid.systemProperties());
    }

    @Test
    void thePortMayMove() {
        assertEquals(5900, DataGrid.from(with("SWITCHBOARD_CLUSTER_PORT", "5900")).port());
        assertProblem(with("SWITCHBOARD_CLUSTER_PORT", "70000"), "SWITCHBOARD_CLUSTER_PORT");
        assertProblem(with("SWITCHBOARD_CLUSTER_PORT", "69xx"), "SWITCHBOARD_CLUSTER_PORT");
    }

    @Test
    void aGuessableOrUnsafeClusterNameIsRefused() {
        for (var name : new String[] {null, "", "development", "switchboard", "a-name-with spaces-in-it",
                "name=with:separators-x", "ünïcödé-is-not-accepted"}) {
            assertProblem(with("SWITCHBOARD_CLUSTER_NAME", name), "SWITCHBOARD_CLUSTER_NAME");
        }
    }

    @Test
    void theInterfaceMustBeOneIpv4Address() {
        for (var address : new String[] {null, "0.0.0.0.1", "10.0.0.*", "256.1.1.1", "eth0", "::1", "10.0.0.5,10.0.0.6"}) {
            assertProblem(with("SWITCHBOARD_CLUSTER_INTERFACE", address), "SWITCHBOARD_CLUSTER_INTERFACE");
        }
    }

    @Test
    void theInterfaceMustBeOnAPrivateNetwork() {
        for (var address : new String[] {"10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.10", "100.64.0.1",
                "127.0.0.1"}) {
            assertTrue(DataGrid.from(with("SWITCHBOARD_CLUSTER_INTERFACE", address)).clustered(), address);
        }
        for (var address : new String[] {"8.8.8.8", "172.32.0.1", "172.15.0.1", "192.169.1.1", "100.128.0.1",
                "203.0.113.5"}) {
            assertProblem(with("SWITCHBOARD_CLUSTER_INTERFACE", address), "SWITCHBOARD_CLUSTER_INTERFACE");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> DataGrid.from(with(
                    "SWITCHBOARD_CLUSTER_INTERFACE", address))).getMessage().contains("private network"), address);
        }
    }

    @Test
    void theMembersMustBeListed() {
        for (var members : new String[] {null, " , ", "10.0.0.5:port", "10.0.0.5;10.0.0.6", "host=evil"}) {
            assertProblem(with("SWITCHBOARD_CLUSTER_MEMBERS", members), "SWITCHBOARD_CLUSTER_MEMBERS");
        }
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        var problem = assertThrows(IllegalArgumentException.class,
                () -> LauncherSettings.from(Map.of("SWITCHBOARD_CLUSTER", "true"))).getMessage();
        assertTrue(problem.startsWith("SWITCHBOARD_CLUSTER=true: "), problem);
        for (var setting : List.of("SWITCHBOARD_CLUSTER_NAME", "SWITCHBOARD_CLUSTER_INTERFACE",
                "SWITCHBOARD_CLUSTER_MEMBERS")) {
            assertTrue(problem.contains(setting + " must"), problem);
        }
    }

    @Test
    void theInterfaceMustBeAnAddressOfThisMachine() {
        assertEquals(java.util.Optional.empty(), Preflight.dataGridAddress("127.0.0.1"));
        // TEST-NET-3 (RFC 5737): for documentation, not assigned to machines.
        var problem = Preflight.dataGridAddress("203.0.113.77").orElseThrow();
        assertTrue(problem.startsWith("SWITCHBOARD_CLUSTER_INTERFACE: 203.0.113.77 is not an address of this machine"),
                problem);
    }

    private static Map<String, String> with(String name, String value) {
        var env = new HashMap<>(CLUSTERED);
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return env;
    }

    private static void assertProblem(Map<String, String> env, String setting) {
        var problem = assertThrows(IllegalArgumentException.class, () -> DataGrid.from(env), env.toString())
                .getMessage();
        assertTrue(problem.contains(setting + " must"), problem);
    }
}
