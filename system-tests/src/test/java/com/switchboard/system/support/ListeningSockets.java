package com.switchboard.system.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets one process listens on, read from Linux's /proc: the process's socket descriptors matched with
 * the kernel's socket tables. Unlike probing ports, this sees only that process's sockets, not those of anything
 * else running on the machine.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    public static List<InetSocketAddress> of(long pid) throws IOException {
        var process = Path.of("/proc", Long.toString(pid));
        if (!Files.isDirectory(process.resolve("fd"))) {
            throw new IllegalStateException("No /proc/" + pid + "/fd: these tests read the sockets of the node from"
                    + " Linux's /proc");
        }
        var inodes = socketInodes(process.resolve("fd"));
        var sockets = new ArrayList<InetSocketAddress>();
        for (var table : List.of("tcp", "tcp6")) {
            var file = process.resolve("net").resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            var lines = Files.readAllLines(file);
            for (var line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                var fields = line.strip().split("\\s+");
                if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    sockets.add(address(fields[1]));
                }
            }
        }
        return sockets;
    }

    /** The listening sockets another machine could reach: those not bound to a loopback address. */
    public static List<InetSocketAddress> beyondLoopback(long pid) throws IOException {
        return of(pid).stream().filter(socket -> !socket.getAddress().isLoopbackAddress()).toList();
    }

    private static Set<String> socketInodes(Path descriptors) throws IOException {
        var inodes = new HashSet<String>();
        try (var links = Files.list(descriptors)) {
            for (var link : links.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(link).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                if (target.startsWith("socket:[")) {
                    inodes.add(target.substring("socket:[".length(), target.length() - 1));
                }
            }
        }
        return inodes;
    }

    /** "0100007F:1F90" or its 32-digit IPv6 form: the address as 32-bit words in the machine's byte order. */
    private static InetSocketAddress address(String hex) throws IOException {
        var colon = hex.indexOf(':');
        var bytes = HexFormat.of().parseHex(hex.substring(0, colon));
        for (int word = 0; ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN && word < bytes.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                var swap = bytes[word + i];
                bytes[word + i] = bytes[word + 3 - i];
                bytes[word + 3 - i] = swap;
            }
        }
        return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(hex.substring(colon + 1), 16));
    }
}
