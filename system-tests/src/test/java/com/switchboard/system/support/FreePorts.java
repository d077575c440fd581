package com.switchboard.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * A loopback port nothing listens on right now, and never handed out before in this run: a port picked and
     * released is free again until its user binds it, and the system once gave the same one for a node's broker
     * and its HTTP listener, which then could not start.
     */
    public static int next() {
        while (true) {
            int port;
            try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
    }

    /** The first of {@code count} consecutive loopback ports nothing listens on right now. */
    public static int nextRun(int count) {
        while (true) {
            int first = next();
            if (first + count - 1 <= 65535 && isFree(first + 1, count - 1)) {
                for (int port = first + 1; port < first + count; port++) {
                    HANDED_OUT.add(port);
                }
                return first;
            }
        }
    }

    private static boolean isFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            if (HANDED_OUT.contains(port)) {
                return false;
            }
            try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }
}
