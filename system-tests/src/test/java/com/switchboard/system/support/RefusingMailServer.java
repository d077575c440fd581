package com.switchboard.system.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that refuses every recipient as a real one refuses an unknown mailbox ({@code 550 5.1.1}), for the
 * tests of a mail the server will never take. GreenMail takes every mail, so the refusal needs a server of its own;
 * it speaks just enough SMTP for a client to reach {@code RCPT TO}.
 */
public final class RefusingMailServer implements AutoCloseable {

    public static final String REFUSAL = "550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table";

    private final ServerSocket server;
    private final AtomicInteger refused = new AtomicInteger();

    private RefusingMailServer(ServerSocket server) {
        this.server = server;
        var thread = new Thread(this::serve, "refusing-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    public static RefusingMailServer on(int port) throws IOException {
        var server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new RefusingMailServer(server);
    }

    /** How many recipients it refused so far. */
    public int refused() {
        return refused.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (var client = server.accept()) {
                client.setSoTimeout(10_000);
                talk(client);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // one client's trouble; the next one is served
            }
        }
    }

    private void talk(Socket client) throws IOException {
        var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        var out = client.getOutputStream();
        say(out, "220 refusing.test ESMTP");
        for (var line = in.readLine(); line != null; line = in.readLine()) {
            var command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO", "HELO" -> say(out, "250 refusing.test");
                case "MAIL", "RSET", "NOOP" -> say(out, "250 2.0.0 Ok");
                case "RCPT" -> {
                    refused.incrementAndGet();
                    say(out, REFUSAL);
                }
                case "QUIT" -> {
                    say(out, "221 2.0.0 Bye");
                    return;
                }
                default -> say(out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
