package com.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.switchboard.system.support.BrowserJourney;
import com.switchboard.system.support.Directories;
import com.switchboard.system.support.FreePorts;
import com.switchboard.system.support.Lanes;
import com.switchboard.system.support.NodeLog;
import com.switchboard.system.support.RefusingMailServer;
import com.switchboard.system.support.SharedSwitchboard;
import com.switchboard.system.support.SwitchboardProcess;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * E-mail and satisfaction ratings (src/test/browser/mail-and-rating.test.mjs) on the embedded defaults, with a
 * real SMTP server (GreenMail) that is down while the journeys run: the answer to the offline visitor waits in the
 * outbox, and the admin console says why. Then a server that refuses the visitor's address fails the mail for good,
 * and once GreenMail takes mail, an admin sends it again (mail-refused.test.mjs) and it arrives. The chat log the visitor
 * downloaded as a PDF is read back. Then, with the server up, the visitor comes back to the chat through the
 * answer's link in another browser (come-back.test.mjs), and an agent resets a forgotten password through the mail's
 * link (password-reset.test.mjs). The node's log holds no stack trace and no SEVERE line afterwards.
 */
@ResourceLock(Lanes.OWN_NODES)
class MailAndRatingIT {

    private static final String FROM = "support@switchboard.test";

    @Test
    void mailWaitsForADownServerAndRatingsReachAgentsAdminsAndReports() throws Exception {
        var dataDir = Path.of(System.getProperty("it.work", "target/it-work"), "mail-data").toAbsolutePath();
        Directories.recreate(dataDir);
        int smtpPort = FreePorts.next();
        var visitor = "olga." + UUID.randomUUID() + "@example.com";
        var downloads = Path.of(System.getProperty("it.work", "target/it-work"), "mail-downloads").toAbsolutePath();
        Directories.recreate(downloads);
        try (var node = SwitchboardProcess.launchWithFullJit("mail-and-rating", Map.ofEntries(
                Map.entry("SWITCHBOARD_DATA_DIR", dataDir.toString()),
                Map.entry("SWITCHBOARD_BROKER_PORT", Integer.toString(FreePorts.next())),
                Map.entry("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL),
                Map.entry("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD),
                Map.entry("SWITCHBOARD_WEBSOCKET_ORIGINS", SharedSwitchboard.ALLOWED_ORIGINS),
                Map.entry("SWITCHBOARD_SMTP_HOST", "127.0.0.1"),
                Map.entry("SWITCHBOARD_SMTP_PORT", Integer.toString(smtpPort)),
                Map.entry("SWITCHBOARD_SMTP_SECURITY", "NONE"),
                Map.entry("SWITCHBOARD_SMTP_FROM", FROM),
                // Where the password-reset mail's link leads: this node.
                Map.entry("SWITCHBOARD_PUBLIC_URL", "http://127.0.0.1:" + SwitchboardProcess.HTTP_PORT
                        + "/switchboard"),
                // Retries every second or two, and never given up, while the journeys keep the server down.
                Map.entry("SWITCHBOARD_MAIL_RETRY_DELAY", "PT1S"),
                Map.entry("SWITCHBOARD_MAIL_MAX_RETRY_DELAY", "PT2S"),
                Map.entry("SWITCHBOARD_MAIL_MAX_ATTEMPTS", "100000")))) {
            node.awaitReady(Duration.ofMinutes(4));
            BrowserJourney.at("mail-and-rating.test.mjs", node.appUrl())
                    .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                    .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                    .with("SWITCHBOARD_ALLOWED_ORIGINS", SharedSwitchboard.ALLOWED_ORIGINS)
                    .with("SWITCHBOARD_MAIL_VISITOR", visitor)
                    .with("SWITCHBOARD_DOWNLOADS", downloads.toString())
                    .timeout(Duration.ofMinutes(6))
                    .run();

            assertVisitorsPdfLog(downloads);

            // A server that refuses the address: the mail fails for good at its next attempt, not tried again.
            try (var refusing = RefusingMailServer.on(smtpPort)) {
                mailRefused(node, visitor, "refusing");
                assertEquals(1, refusing.refused(), "one attempt was refused, and none came after it");
            }

            var server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            try {
                // Only an admin's "Send again" sends it now.
                mailRefused(node, visitor, "taking");
                assertTrue(server.waitForIncomingEmail(Duration.ofSeconds(60).toMillis(), 1),
                        "the answer went once an admin sent it again");
                var received = server.getReceivedMessages();
                assertEquals(1, received.length, "one mail: the journeys' other chats were not left offline");
                var mail = received[0];
                assertEquals(visitor, ((InternetAddress) mail.getAllRecipients()[0]).getAddress());
                assertEquals(FROM, ((InternetAddress) mail.getFrom()[0]).getAddress());
                assertTrue(mail.getSubject().startsWith("Re: your message to journey-"), mail.getSubject());
                var body = GreenMailUtil.getBody(mail);
                assertTrue(body.contains("Yes, we ship to Norway in three days."), body);
                assertTrue(body.contains("Hello Olga Offline,"), body);

                try (var mailbox = Mailbox.of(server)) {
                    BrowserJourney.at("come-back.test.mjs", node.appUrl())
                            .with("SWITCHBOARD_MAILBOX", mailbox.url())
                            .with("SWITCHBOARD_MAIL_VISITOR", visitor)
                            .timeout(Duration.ofMinutes(2))
                            .run();
                    BrowserJourney.at("password-reset.test.mjs", node.appUrl())
                            .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                            .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                            .with("SWITCHBOARD_MAILBOX", mailbox.url())
                            .timeout(Duration.ofMinutes(3))
                            .run();
                }
            } finally {
                server.stop();
            }
            NodeLog.assertClean(node.output());
        }
    }

    private static void mailRefused(SwitchboardProcess node, String visitor, String server) throws Exception {
        BrowserJourney.at("mail-refused.test.mjs", node.appUrl())
                .with("SWITCHBOARD_ADMIN_EMAIL", SharedSwitchboard.ADMIN_EMAIL)
                .with("SWITCHBOARD_ADMIN_PASSWORD", SharedSwitchboard.ADMIN_PASSWORD)
                .with("SWITCHBOARD_MAIL_VISITOR", visitor)
                .with("SWITCHBOARD_MAIL_SERVER", server)
                .timeout(Duration.ofMinutes(2))
                .run();
    }

    /**
     * What GreenMail received, served to the journeys over HTTP ({@code GET ?to=<address>}: the decoded bodies of
     * the mails to it, in order), so a journey can follow a mail's link.
     */
    private record Mailbox(HttpServer http) implements AutoCloseable {

        static Mailbox of(GreenMail server) throws IOException {
            var http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", exchange -> {
                var query = exchange.getRequestURI().getQuery();
                var to = query == null || !query.startsWith("to=") ? ""
                        : URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8);
                var bodies = new StringBuilder();
                try {
                    for (var mail : server.getReceivedMessages()) {
                        if (((InternetAddress) mail.getAllRecipients()[0]).getAddress().equalsIgnoreCase(to)) {
                            bodies.append(mail.getContent()).append("\n----\n");
                        }
                    }
                } catch (MessagingException e) {
                    throw new IOException(e);
                }
                var bytes = bodies.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
                exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            http.start();
            return new Mailbox(http);
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    /** The chat log the visitor downloaded as a PDF: the chat's public messages, read back by PDFBox; no note. */
    private static void assertVisitorsPdfLog(Path downloads) throws Exception {
        List<Path> pdfs;
        try (var files = Files.list(downloads)) {
            pdfs = files.filter(f -> f.getFileName().toString().matches("chat-\\d+\\.pdf")).toList();
        }
        assertEquals(1, pdfs.size(), "the journey saved the PDF log: " + pdfs);
        String text;
        try (var document = Loader.loadPDF(pdfs.get(0).toFile())) {
            text = new PDFTextStripper().getText(document);
        }
        assertTrue(text.startsWith("Your chat with journey-"), text);
        assertTrue(text.contains("Where is my parcel?") && text.contains("It arrives tomorrow."), text);
        assertFalse(text.contains("VIP customer"), "private notes never reach the visitor: " + text);
    }
}
