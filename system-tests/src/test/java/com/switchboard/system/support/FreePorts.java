package com.switchboard.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

public final class FreePorts {

    private FreePorts() {
    }

    /** A loopback port nothing listens on right now. */
    public static int next() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first of {@code count} consecutive loopback ports nothing listens on right now. */
    public static int nextRun(int count) {
        while (true) {
            int first = next();
            if (first + count - 1 <= 65535 && isFree(first + 1, count - 1)) {
                return first;
            }
        }
    }

    private static boolean isFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }
}
