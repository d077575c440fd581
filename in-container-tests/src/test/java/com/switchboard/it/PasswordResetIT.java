package com.switchboard.it;

import static com.switchboard.it.Answers.json;
import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.dataSource;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.agent.boundary.PasswordResets;
import com.switchboard.agent.control.ResetLinkMail;
import com.switchboard.agent.entity.PasswordReset;
import com.switchboard.mail.boundary.MailOutbox;
import com.switchboard.mail.control.MailDelivery;
import com.switchboard.mail.control.MailRetention;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An agent who forgot their password gets a link by e-mail (through the suite's real SMTP server) and chooses a new
 * one with it, over the HTTP API as the reset page does: the same answer for an unknown address, a link that works
 * once, expires, and ends the agent's sessions.
 */
@ExtendWith(ArquillianExtension.class)
class PasswordResetIT {

    /** SWITCHBOARD_PUBLIC_URL in the suite's pom. */
    private static final Pattern LINK = Pattern.compile(
            "http://switchboard\\.test/switchboard/reset-password\\.html#token=([A-Za-z0-9_-]{43})\\s");

    @EJB
    AgentAuthentication authentication;

    @EJB
    PasswordResets resets;

    @EJB
    MailDelivery delivery;

    @EJB
    MailRetention retention;

    @EJB
    MailOutbox outbox;

    @Inject
    TestData data;

    @ArquillianResource
    URL deployment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    public void aLinkByEmailSetsANewPasswordOnceEndsTheSessionsAndTellsNobodyWhichAddressesExist() throws Exception {
        assertTrue(resets.available(), "mail and a public address are configured");
        var offered = http.send(HttpRequest.newBuilder(Answers.api(deployment, "agent/password-resets")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, offered.statusCode());
        assertTrue(json(offered.body()).getBoolean("available"), offered.body());

        var paula = data.plainAgent("Paula");
        var session = authentication.signIn(paula.email(), "paula password!", null);
        var signedInAt = Instant.now();
        assertTrue(authentication.verify(session.token()).isPresent());

        // Known or not, the same answer; only the known address gets a mail.
        var unknown = "nobody." + UUID.randomUUID() + "@example.com";
        var forUnknown = ask(unknown);
        var forPaula = ask(paula.email().toUpperCase());
        assertEquals(List.of(202, 202), List.of(forUnknown.statusCode(), forPaula.statusCode()));
        assertEquals(forUnknown.body(), forPaula.body());
        assertEquals(PasswordResets.ANSWER, json(forPaula.body()).getString("message"));
        var mail = Mailbox.awaitMail(paula.email(), 1).get(0);
        assertEquals("Choose a new Switchboard password", mail.subject());
        assertEquals("support@switchboard.test", mail.from());
        assertEquals(List.of("answers@switchboard.test"), mail.replyTo());
        assertTrue(mail.body().contains("Hello Paula,") && mail.body().contains("within 30 minutes"), mail.body());
        var link = LINK.matcher(mail.body());
        assertTrue(link.find(), mail.body());
        var token = link.group(1);
        assertEquals(List.of(), Mailbox.mailTo(unknown), "no mail to an address without an account");
        assertEquals(0L, count("SELECT COUNT(*) FROM password_reset WHERE token_hash = ?", token),
                "the token itself is never stored");
        assertEquals(1L, count("SELECT COUNT(*) FROM password_reset WHERE token_hash = ? AND agent_id = ?",
                PasswordReset.hash(token), paula.id()));
        // Once sent, the outbox keeps no copy of the link (nor of the rest of the body).
        await("the reset mail is marked sent", () -> count("SELECT COUNT(*) FROM outgoing_mail WHERE recipient = ?"
                + " AND status = 'SENT'", paula.email()) == 1);
        assertEquals(List.of(List.of("")), rows("SELECT body FROM outgoing_mail WHERE recipient = ?", paula.email()));
        assertEquals(0L, count("SELECT COUNT(*) FROM outgoing_mail WHERE body LIKE ?", "%" + token + "%"));

        // The password rules apply (and the link still works after a refused password).
        assertRefused(use(token, "short"), "agent.password");
        assertEquals(204, use(token, "a brand new password").statusCode());
        assertFalse(authentication.verify(session.token()).isPresent(), "the old token is revoked");
        assertFalse(authentication.active(paula.id(), signedInAt).isPresent(), "a console session ends too");
        assertEquals("agent.credentials", Answers.refusal(
                () -> authentication.signIn(paula.email(), "paula password!", null)));
        assertTrue(authentication.verify(authentication.signIn(paula.email(), "a brand new password", null).token())
                .isPresent());

        // Once only; a token we never sent, or none, is refused with its own clear error.
        assertRefused(use(token, "another new password"), "password-reset.used");
        var neverSent = (token.charAt(0) == 'x' ? "y" : "x") + token.substring(1);
        assertRefused(use(neverSent, "another new password"), "password-reset.unknown");
        assertRefused(use("", "another new password"), "password-reset.unknown");

        // An expired link.
        assertEquals(202, ask(paula.email()).statusCode());
        var tokens = Mailbox.awaitMail(paula.email(), 2).stream().map(m -> {
            var matcher = LINK.matcher(m.body());
            assertTrue(matcher.find(), m.body());
            return matcher.group(1);
        }).collect(Collectors.toSet());
        tokens.remove(token);
        assertEquals(1, tokens.size(), tokens.toString());
        var expiring = tokens.iterator().next();
        try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(
                "UPDATE password_reset SET expires_at = ? WHERE token_hash = ?")) {
            statement.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))));
            statement.setString(2, PasswordReset.hash(expiring));
            assertEquals(1, statement.executeUpdate());
        }
        assertRefused(use(expiring, "another new password"), "password-reset.expired");

        // At most three links an hour per account: a fourth request gets the same answer and sends nothing.
        assertEquals(202, ask(paula.email()).statusCode());
        Mailbox.awaitMail(paula.email(), 3);
        try (var limited = new LogRecords(ResetLinkMail.class)) {
            assertEquals(forPaula.body(), ask(paula.email()).body());
            // Handled after the answer: its log line says it was handled (and refused).
            await("the fourth request is handled", () -> limited.messages().stream().anyMatch(message ->
                    message.contains("Agent " + paula.id() + " asked for a password reset more than 3 times")));
        }
        assertEquals(3L, count("SELECT COUNT(*) FROM password_reset WHERE agent_id = ?", paula.id()));
        assertEquals(3, Mailbox.mailTo(paula.email()).size());

        // A bad address is said to be one (this tells nothing about accounts).
        assertRefused(ask("not an address"), "agent.email");
    }

    /**
     * The answer does not wait for anything about the account: asked while another transaction holds the account's
     * row (until the answer came), it is the same 202 as for an address without an account. A request that looked
     * the account up on the request's thread, as it once did, waited here for the lock until the database's bound and
     * failed; an address with an account took longer to answer than one without. The link goes once the row is free.
     */
    @Test
    public void theAnswerComesBeforeAnythingAboutTheAccountIsLookedUp() throws Exception {
        var rita = data.plainAgent("Rita");
        var forUnknown = ask("nobody." + UUID.randomUUID() + "@example.com");
        try (var connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (var lock = connection.prepareStatement("SELECT id FROM agent WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, rita.id());
                lock.executeQuery().close();
            }
            var forRita = ask(rita.email());
            assertEquals(List.of(202, forUnknown.body()), List.of(forRita.statusCode(), forRita.body()));
            assertEquals(0L, count("SELECT COUNT(*) FROM password_reset WHERE agent_id = ?", rita.id()),
                    "nothing done for the account while its row is held");
            connection.rollback();
        }
        var mail = Mailbox.awaitMail(rita.email(), 1).get(0);
        assertTrue(LINK.matcher(mail.body()).find(), mail.body());
        assertEquals(1L, count("SELECT COUNT(*) FROM password_reset WHERE agent_id = ?", rita.id()));
    }

    /**
     * A reset mail that could not go before its link stopped working is not sent, and its body goes: the sender
     * fails it without an attempt, the retention's sweep blanks it whatever became of it, and an admin cannot
     * send it again.
     */
    @Test
    public void aResetMailWhoseLinkExpiredIsNeitherSentNorKept() throws Exception {
        var recipient = "late." + UUID.randomUUID() + "@example.com";
        var expired = Instant.now().minus(Duration.ofMinutes(1));
        long pending = mailRow(recipient, "PENDING", expired);
        long failed = mailRow(recipient, "FAILED", expired);
        long other = mailRow(recipient, "FAILED", null);

        // The outbox's own sender may reach the due row first; either way it fails without an attempt.
        var outcome = delivery.attempt(pending);
        assertTrue(outcome == MailDelivery.Outcome.FAILED || outcome == MailDelivery.Outcome.NOTHING_DUE,
                outcome.toString());
        assertEquals(List.of(List.of("FAILED", "")), rows("SELECT status, body FROM outgoing_mail WHERE id = ?",
                pending));
        assertTrue(rows("SELECT last_error FROM outgoing_mail WHERE id = ?", pending).get(0).get(0)
                .contains("expired"));
        retention.purge(Instant.now());
        assertEquals(List.of(List.of("")), rows("SELECT body FROM outgoing_mail WHERE id = ?", failed));
        assertEquals(List.of(List.of(LATE_BODY)), rows("SELECT body FROM outgoing_mail WHERE id = ?", other),
                "a mail without an expiry keeps its body until it goes");
        assertEquals("mail.expired", Answers.refusal(() -> outbox.retry(failed)));
        assertEquals(List.of(), Mailbox.mailTo(recipient), "nothing went");
        outbox.dismiss(failed);
        outbox.dismiss(pending);
        outbox.dismiss(other);
    }

    private static final String LATE_BODY = "https://switchboard.test/reset-password.html#token=late";

    private static long mailRow(String recipient, String status, Instant expiresAt) throws Exception {
        try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(
                "INSERT INTO outgoing_mail (recipient, subject, body, status, attempts, next_attempt_at, created_at, "
                        + "expires_at) VALUES (?, 'Choose a new Switchboard password', ?, ?, 0, ?, ?, ?)",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
            var created = Instant.now().minus(Duration.ofMinutes(40));
            statement.setString(1, recipient);
            statement.setString(2, LATE_BODY);
            statement.setString(3, status);
            statement.setTimestamp(4, status.equals("PENDING") ? Timestamp.from(created) : null);
            statement.setTimestamp(5, Timestamp.from(created));
            statement.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
            statement.executeUpdate();
            try (var keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private HttpResponse<String> ask(String email) throws Exception {
        return post("agent/password-resets", Map.of("email", email));
    }

    private HttpResponse<String> use(String token, String password) throws Exception {
        return post("agent/password-resets/use", Map.of("token", token, "password", password));
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        var body = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(Answers.api(deployment, path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> answer, String code) {
        assertEquals(List.of(400, code), List.of(answer.statusCode(), json(answer.body()).getString("code")),
                answer.body());
    }
}
