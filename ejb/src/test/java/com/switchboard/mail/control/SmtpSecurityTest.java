package com.switchboard.mail.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMTP settings against a real SMTP server (GreenMail, on 127.0.0.1): a mail goes over TLS and over STARTTLS to
 * a server whose certificate is trusted and names the host, and nothing goes (above all not the password) to a
 * server that offers no STARTTLS, whose certificate is not trusted, or whose certificate names another host.
 * <p>
 * The certificates are made for the test. The client trusts them the way production trusts a real server's, through
 * the JVM's default SSL context, which the test points at them; {@link SmtpSettings} itself is not told.
 */
class SmtpSecurityTest {

    private static final String HOST = "127.0.0.1";
    private static final String LOGIN = "switchboard";
    private static final String PASSWORD = "s3cret-smtp";
    private static final String FROM = "support@switchboard.test";
    private static final String VISITOR = "visitor@example.com";
    private static final String SUBJECT = "Your conversation with Support – transcript";
    private static final String BODY = "Thank you for your visit. Here is what was said.";
    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    static Path keys;

    /** What the JVM trusts out of the box, as in production: no certificate made by this test. */
    private static SSLContext jvmTrust;
    /** The test's two certificates, and nothing else. */
    private static SSLContext testTrust;
    /** Names 127.0.0.1 and localhost: GreenMail's over TLS, and the STARTTLS front's. */
    private static SSLContext serverKey;
    /** Trusted, but names mail.example.com only. */
    private static SSLContext elsewhereKey;

    private GreenMail greenMail;

    @BeforeAll
    static void makeAndTrustTheCertificates() throws Exception {
        var server = keyPair("server", "ip:127.0.0.1,dns:localhost");
        var elsewhere = keyPair("elsewhere", "dns:mail.example.com");
        serverKey = keyed(server);
        elsewhereKey = keyed(elsewhere);
        jvmTrust = SSLContext.getDefault();
        testTrust = trusting(server, elsewhere);

        // GreenMail makes its TLS server sockets from one key store per JVM, read when it first needs one.
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY,
                keys.resolve("server.p12").toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, STORE_PASSWORD);
        var greenMailKeys = ((DummySSLServerSocketFactory) DummySSLServerSocketFactory.getDefault()).getKeyStore();
        assertEquals(server.getCertificate("smtp"), greenMailKeys.getCertificate("smtp"),
                "GreenMail read its key store before this test: SMTPS would not present the test's certificate");
    }

    @AfterAll
    static void forgetTheCertificates() {
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY);
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY);
    }

    @BeforeEach
    void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup[] {new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTPS)})
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(FROM, LOGIN, PASSWORD));
        greenMail.start();
        SSLContext.setDefault(testTrust);
    }

    @AfterEach
    void stopGreenMail() {
        SSLContext.setDefault(jvmTrust);
        greenMail.stop();
    }

    @Test
    void aMailGoesOverTlsToAServerWhoseCertificateIsTrusted() throws Exception {
        send(settings("TLS", greenMail.getSmtps().getPort()));
        assertTheMailArrived();
    }

    @Test
    void aMailGoesOverStartTlsToAServerThatOffersItWithATrustedCertificate() throws Exception {
        try (var front = SmtpFront.startTls(serverKey, greenMail.getSmtp().getPort())) {
            send(settings("STARTTLS", front.port()));
            assertTheMailArrived();
            // AUTH, MAIL and the mail itself went inside TLS.
            assertEquals(List.of("EHLO", "STARTTLS"), front.commandsInTheClear());
        }
    }

    @Test
    void nothingGoesOverStartTlsToAServerThatDoesNotOfferIt() throws Exception {
        // GreenMail offers AUTH in the clear and no STARTTLS: what a man in the middle who strips STARTTLS shows.
        try (var wiretap = SmtpFront.wiretap(greenMail.getSmtp().getPort())) {
            assertRefused(settings("STARTTLS", wiretap.port()), "STARTTLS is required but host does not support");
            var said = wiretap.commandsInTheClear();
            assertTrue(said.contains("EHLO"), "the wiretap heard the client: " + said);
            assertTrue(List.of("EHLO", "QUIT").containsAll(said), "only a greeting and a goodbye: " + said);
        }
        assertNothingArrived();
    }

    @Test
    void nothingGoesOverStartTlsToAServerWhoseCertificateIsNotTrusted() throws Exception {
        SSLContext.setDefault(jvmTrust);
        try (var front = SmtpFront.startTls(serverKey, greenMail.getSmtp().getPort())) {
            assertRefused(settings("STARTTLS", front.port()), "unable to find valid certification path");
            assertEquals(List.of("EHLO", "STARTTLS"), front.commandsInTheClear());
        }
        assertNothingArrived();
    }

    @Test
    void nothingGoesOverStartTlsToAServerWhoseCertificateNamesAnotherHost() throws Exception {
        try (var front = SmtpFront.startTls(elsewhereKey, greenMail.getSmtp().getPort())) {
            assertRefused(settings("STARTTLS", front.port()), "No subject alternative names matching IP address "
                    + HOST);
            assertEquals(List.of("EHLO", "STARTTLS"), front.commandsInTheClear());
        }
        assertNothingArrived();
    }

    @Test
    void nothingGoesOverTlsToAServerWhoseCertificateIsNotTrusted() throws Exception {
        // GreenMail prints the handshake its client broke off ("certificate_unknown") as an uncaught exception.
        SSLContext.setDefault(jvmTrust);
        assertRefused(settings("TLS", greenMail.getSmtps().getPort()), "unable to find valid certification path");
        assertNothingArrived();
    }

    @Test
    void nothingGoesOverTlsToAServerWhoseCertificateNamesAnotherHost() throws Exception {
        try (var front = SmtpFront.tls(elsewhereKey, greenMail.getSmtp().getPort())) {
            assertRefused(settings("TLS", front.port()), "No subject alternative names matching IP address " + HOST);
        }
        assertNothingArrived();
    }

    private static SmtpSettings settings(String security, int port) {
        var smtp = new SmtpSettings();
        smtp.host = Optional.of(HOST);
        smtp.port = Optional.of(port);
        smtp.security = security;
        smtp.user = Optional.of(LOGIN);
        smtp.password = Optional.of(PASSWORD);
        smtp.from = Optional.of(FROM);
        smtp.replyTo = Optional.empty();
        smtp.read();
        assertTrue(smtp.configured(), smtp.describe());
        return smtp;
    }

    /** As {@link MailDelivery} sends a mail, with the settings' session, user and password. */
    private static void send(SmtpSettings smtp) throws MessagingException {
        var message = new MimeMessage(smtp.session());
        message.setFrom(smtp.from());
        message.setReplyTo(new InternetAddress[] {smtp.replyTo()});
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(VISITOR, true));
        message.setSubject(SUBJECT, StandardCharsets.UTF_8.name());
        message.setText(BODY, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-replied");
        Transport.send(message, smtp.user().orElseThrow(), smtp.password());
    }

    private void assertTheMailArrived() throws Exception {
        var received = greenMail.getReceivedMessages();
        assertEquals(1, received.length);
        var mail = received[0];
        assertArrayEquals(new Address[] {new InternetAddress(VISITOR)}, mail.getRecipients(Message.RecipientType.TO));
        assertArrayEquals(new Address[] {new InternetAddress(FROM)}, mail.getFrom());
        assertEquals(SUBJECT, mail.getSubject());
        assertEquals(BODY, mail.getContent().toString().strip());
    }

    /** The attempt fails as MailDelivery sees it (a MessagingException), for the reason given. */
    private static void assertRefused(SmtpSettings smtp, String why) {
        var failure = assertThrows(MessagingException.class, () -> send(smtp));
        var reason = MailDelivery.reason(failure);
        assertTrue(reason.contains(why), reason);
    }

    private void assertNothingArrived() {
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    /** A key pair and its self-signed certificate, made by the JDK's keytool. */
    private static KeyStore keyPair(String name, String subjectAlternativeNames) throws Exception {
        var file = keys.resolve(name + ".p12");
        var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=Switchboard test " + name, "-ext", "SAN=" + subjectAlternativeNames,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", STORE_PASSWORD,
                "-keypass", STORE_PASSWORD).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return KeyStore.getInstance(file.toFile(), STORE_PASSWORD.toCharArray());
    }

    private static SSLContext keyed(KeyStore keyPair) throws Exception {
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyPair, STORE_PASSWORD.toCharArray());
        var context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext trusting(KeyStore... keyPairs) throws Exception {
        var trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (int i = 0; i < keyPairs.length; i++) {
            trusted.setCertificateEntry("test-" + i, keyPairs[i].getCertificate("smtp"));
        }
        var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        var context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }
}
