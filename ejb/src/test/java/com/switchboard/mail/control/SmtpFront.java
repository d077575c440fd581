package com.switchboard.mail.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Stands in front of GreenMail's plain SMTP server, on 127.0.0.1, and relays to it. GreenMail has SMTPS but no
 * STARTTLS (greenmail-mail-test/greenmail#135), so this front speaks the part GreenMail lacks: it greets, offers
 * STARTTLS, turns the connection into TLS with the key it is given, and from then on GreenMail answers. It can also
 * speak TLS from the first byte (for a certificate GreenMail does not have), or only listen in: whatever it relays,
 * it writes down what the client said in the clear.
 */
final class SmtpFront implements AutoCloseable {

    private enum Kind { WIRETAP, STARTTLS, TLS }

    private final Kind kind;
    private final SSLContext tls;
    private final int backend;
    private final ServerSocket listener;
    private final List<String> saidInTheClear = new CopyOnWriteArrayList<>();
    private final List<Thread> conversations = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** Relays in the clear: what GreenMail offers is what the client is offered. */
    static SmtpFront wiretap(int backend) throws IOException {
        return new SmtpFront(Kind.WIRETAP, null, backend);
    }

    /** Offers STARTTLS with the key of {@code tls}, then lets GreenMail answer inside TLS. */
    static SmtpFront startTls(SSLContext tls, int backend) throws IOException {
        return new SmtpFront(Kind.STARTTLS, tls, backend);
    }

    /** TLS from the first byte with the key of {@code tls}, GreenMail answering inside it. */
    static SmtpFront tls(SSLContext tls, int backend) throws IOException {
        return new SmtpFront(Kind.TLS, tls, backend);
    }

    private SmtpFront(Kind kind, SSLContext tls, int backend) throws IOException {
        this.kind = kind;
        this.tls = tls;
        this.backend = backend;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var acceptor = new Thread(this::accept, "smtp-front-" + kind);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * The lines the client sent before any TLS (all of them, for a wiretap), once every connection is over: a
     * client that gave up has closed its socket, so this waits for nothing but the front's own reading.
     */
    List<String> saidInTheClear() throws InterruptedException {
        for (var conversation : conversations) {
            conversation.join(15_000);
        }
        return List.copyOf(saidInTheClear);
    }

    /** The commands alone (EHLO, STARTTLS, AUTH, …) of what the client said in the clear. */
    List<String> commandsInTheClear() throws InterruptedException {
        return saidInTheClear().stream().map(line -> line.split(" ", 2)[0].toUpperCase(Locale.ROOT)).toList();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (var socket : sockets) {
            socket.close();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                var client = listener.accept();
                sockets.add(client);
                var conversation = new Thread(() -> converse(client), "smtp-front-" + kind + "-conversation");
                conversation.setDaemon(true);
                conversations.add(conversation);
                conversation.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            switch (kind) {
                case WIRETAP -> listenIn(client);
                case TLS -> relay(secured(client), false);
                case STARTTLS -> offerStartTls(client);
            }
        } catch (IOException e) {
            // The client gave up (a refused certificate, a missing STARTTLS): what it said is already written down.
        }
    }

    private void listenIn(Socket client) throws IOException {
        try (var server = connectToBackend()) {
            pump(server.getInputStream(), client.getOutputStream(), client);
            var fromClient = client.getInputStream();
            var toServer = server.getOutputStream();
            for (String line; (line = readLine(fromClient)) != null; ) {
                saidInTheClear.add(line);
                toServer.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }

    private void offerStartTls(Socket client) throws IOException {
        var in = client.getInputStream();
        var out = client.getOutputStream();
        reply(out, "220 localhost ESMTP");
        for (String line; (line = readLine(in)) != null; ) {
            saidInTheClear.add(line);
            switch (line.split(" ", 2)[0].toUpperCase(Locale.ROOT)) {
                case "EHLO" -> reply(out, "250-localhost\r\n250 STARTTLS");
                case "STARTTLS" -> {
                    reply(out, "220 Ready to start TLS");
                    relay(secured(client), true);
                    return;
                }
                case "QUIT" -> {
                    reply(out, "221 Bye");
                    return;
                }
                default -> reply(out, "530 Must issue a STARTTLS command first");
            }
        }
    }

    /** The server side of TLS on the connection; nothing was read past the STARTTLS line, so nothing is lost. */
    private Socket secured(Socket client) throws IOException {
        var secured = (SSLSocket) tls.getSocketFactory().createSocket(client, null, true);
        sockets.add(secured);
        secured.startHandshake();
        return secured;
    }

    /** Relays both ways; after STARTTLS the client already had a greeting, so GreenMail's is not passed on. */
    private void relay(Socket client, boolean greeted) throws IOException {
        try (var server = connectToBackend()) {
            var fromServer = server.getInputStream();
            if (greeted) {
                String greeting;
                do {
                    greeting = readLine(fromServer);
                } while (greeting != null && greeting.startsWith("220-"));
            }
            pump(fromServer, client.getOutputStream(), client);
            client.getInputStream().transferTo(server.getOutputStream());
        }
    }

    private Socket connectToBackend() throws IOException {
        var server = new Socket(InetAddress.getLoopbackAddress(), backend);
        sockets.add(server);
        return server;
    }

    /** Copies on a thread of its own until the end, then closes {@code whenDone} so that the other side ends too. */
    private static void pump(InputStream from, OutputStream to, Socket whenDone) {
        var pump = new Thread(() -> {
            try (whenDone) {
                from.transferTo(to);
            } catch (IOException ignored) {
                // one side hung up
            }
        }, "smtp-front-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One line without its CRLF, byte by byte so that nothing after it is taken from the stream; null at the end. */
    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                var text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
