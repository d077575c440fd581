package com.switchboard.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Payara Micro's data grid (its Hazelcast member). Switchboard keeps nothing there: ownership, deadlines and
 * events live in the database and the broker, and its EJB timers are not persistent (without the grid Payara has no
 * persistent timers). So with clustering off (the default) the grid is not started at all and opens no port. With clustering on, the members talk only on the configured address, find each other from a
 * fixed list (no multicast, which would announce the cluster name to the whole network), and a member or client
 * must know the cluster name to get in.
 *
 * <p>Hazelcast's open-source edition has no member authentication, encryption or client credentials (those are
 * Enterprise features), so the cluster name is the only thing a stranger has to guess, and it travels in clear
 * text: the grid belongs on a network only the nodes reach (docs/OPERATIONS.md).
 */
public record DataGrid(boolean clustered, String name, String address, String members, int port) {

    /** Payara Micro's default cluster name: anyone may assume it. */
    static final String DEFAULT_NAME = "development";
    static final int MIN_NAME_LENGTH = 16;
    static final int DEFAULT_PORT = 6900;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?");

    static final DataGrid OFF = new DataGrid(false, null, null, null, DEFAULT_PORT);

    /** Reads the SWITCHBOARD_CLUSTER* settings; a missing or unsafe one is an IllegalArgumentException naming it. */
    static DataGrid from(Map<String, String> env) {
        var clustered = value(env, "SWITCHBOARD_CLUSTER").map(Boolean::parseBoolean).orElse(false);
        if (!clustered) {
            return OFF;
        }
        var problems = new ArrayList<String>();
        var name = value(env, "SWITCHBOARD_CLUSTER_NAME").orElse("");
        if (name.isEmpty() || name.equals(DEFAULT_NAME) || name.length() < MIN_NAME_LENGTH
                || !NAME.matcher(name).matches()) {
            problems.add("SWITCHBOARD_CLUSTER_NAME must be a name of at least " + MIN_NAME_LENGTH + " letters, digits,"
                    + " '.', '_' or '-' that only your nodes know (not Payara's default '" + DEFAULT_NAME + "')");
        }
        var address = value(env, "SWITCHBOARD_CLUSTER_INTERFACE").orElse("");
        if (!isIpv4(address)) {
            problems.add("SWITCHBOARD_CLUSTER_INTERFACE must be this node's IPv4 address on the network the nodes share"
                    + " (the data grid listens there only), not '" + address + "'");
        } else if (!isPrivate(address)) {
            problems.add("SWITCHBOARD_CLUSTER_INTERFACE must be an address of a private network (10/8, 172.16/12,"
                    + " 192.168/16, 100.64/10, or loopback), not '" + address + "': the data grid lets in whoever"
                    + " knows the cluster's name, which travels unencrypted");
        }
        var members = value(env, "SWITCHBOARD_CLUSTER_MEMBERS").orElse("");
        if (members(members).isEmpty() || !members(members).stream().allMatch(m -> MEMBER.matcher(m).matches())) {
            problems.add("SWITCHBOARD_CLUSTER_MEMBERS must list the nodes' data grid addresses as host[:port],"
                    + " separated by commas, not '" + members + "'");
        }
        int port;
        try {
            port = value(env, "SWITCHBOARD_CLUSTER_PORT").map(Integer::parseInt).orElse(DEFAULT_PORT);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            problems.add("SWITCHBOARD_CLUSTER_PORT must name a port number (1-65535), not '"
                    + env.get("SWITCHBOARD_CLUSTER_PORT") + "'");
            port = DEFAULT_PORT;
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("SWITCHBOARD_CLUSTER=true: " + String.join("; ", problems));
        }
        return new DataGrid(true, name, address, String.join(",", members(members)), port);
    }

    /**
     * The settings of Payara's {@code hazelcast-runtime-configuration} for a clustered node, as asadmin {@code set}
     * arguments: run before boot, after Payara Micro's own defaults (which they override).
     */
    List<String> clusterSettings() {
        if (!clustered) {
            throw new IllegalStateException("no cluster settings without clustering");
        }
        var prefix = "hazelcast-runtime-configuration.";
        return List.of(prefix + "cluster-group-name=" + name,
                prefix + "interface=" + address,
                prefix + "start-port=" + port,
                prefix + "discovery-mode=tcpip",
                prefix + "tcpip-members=" + members);
    }

    /**
     * Hazelcast's system properties: without this one its socket listens on every address of the machine, even
     * with an interface configured (which only picks the address it announces).
     */
    Map<String, String> systemProperties() {
        return clustered ? Map.of("hazelcast.socket.bind.any", "false") : Map.of();
    }

    private static List<String> members(String list) {
        return List.of(list.split(",")).stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
    }

    private static boolean isIpv4(String address) {
        var matcher = IPV4.matcher(address);
        if (!matcher.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(matcher.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the address is of a network that is nobody's but the installation's: Hazelcast's open-source edition
     * authenticates no member or client (docs/OPERATIONS.md, "The data grid"), so its port must not face others.
     */
    private static boolean isPrivate(String address) {
        var matcher = IPV4.matcher(address);
        if (!matcher.matches()) {
            return false;
        }
        int first = Integer.parseInt(matcher.group(1));
        int second = Integer.parseInt(matcher.group(2));
        return first == 10 || first == 127 || first == 172 && second >= 16 && second <= 31
                || first == 192 && second == 168 || first == 100 && second >= 64 && second <= 127;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
