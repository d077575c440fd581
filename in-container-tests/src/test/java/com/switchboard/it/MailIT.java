package com.switchboard.it;

import static com.switchboard.it.Answers.refusal;
import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.dataSource;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.lookup;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.control.ChatLog;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.mail.boundary.MailOutbox;
import com.switchboard.mail.control.MailRetention;
import com.switchboard.visitor.boundary.VisitorComeBack;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** E-mail: answers to messages left offline, and the chat log, through the suite's real mail server. */
@ExtendWith(ArquillianExtension.class)
class MailIT {

    @EJB
    MailOutbox mailOutbox;

    @EJB
    MailRetention mailRetention;

    private static final String MAIL_FROM = "support@switchboard.test";

    @EJB
    AgentMessages agentMessages;

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    Transcripts transcripts;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    InboxService inboxes;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationParticipants participants;

    @EJB
    VisitorComeBack comeBack;

    @Inject
    TestData data;

    @Test
    public void anAnswerToAMessageLeftOfflineGoesToTheVisitorByEmailOnceItCommits() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Offline " + UUID.randomUUID())).settings().name();
        var visitor = AnonymousVisitors.create(visitors);
        var address = "vera." + UUID.randomUUID() + "@example.com";
        visitors.introduce(visitor, "Vera", address);
        long conversation = visitorMessages.post(inbox, visitor, "Do you ship to Norway?").conversationId();
        assertEquals("true", rows("SELECT answer_by_email FROM conversation WHERE id = ?", conversation).get(0).get(0),
                "left while nobody was online, where the installation sends e-mail");

        UserTransaction transaction = lookup("java:comp/UserTransaction");
        transaction.begin();
        try {
            agentMessages.reply(conversation, firstAdmin(), "A reply that never was", null);
        } finally {
            transaction.rollback();
        }
        agentMessages.reply(conversation, firstAdmin(), "Yes, we do: in three days.", null);

        var received = Mailbox.awaitMail(address, 1);
        var mail = received.get(0);
        assertEquals("Re: your message to " + inbox, mail.subject());
        assertEquals(MAIL_FROM, mail.from());
        assertEquals(List.of("answers@switchboard.test"), mail.replyTo(), "an answer by e-mail reaches people");
        assertTrue(mail.body().contains("Yes, we do: in three days."), mail.body());
        assertTrue(mail.body().startsWith("Hello Vera,"), mail.body());
        // The way back is the chat page at the installation's public address, as this visitor on any device.
        var link = Pattern.compile("http://switchboard\\.test/switchboard/visitor\\.html\\?inbox=(\\S+)#back=(\\S+)")
                .matcher(mail.body());
        assertTrue(link.find(), mail.body());
        assertEquals(inbox, java.net.URLDecoder.decode(link.group(1), java.nio.charset.StandardCharsets.UTF_8));
        var ticket = link.group(2);
        assertEquals(visitor, comeBack.tokenFor(ticket, null), "the link's ticket opens this visitor's chat");
        assertEquals("come-back.invalid", refusal(() -> comeBack.tokenFor(ticket.substring(0, ticket.length() - 1)
                + (ticket.endsWith("A") ? "B" : "A"), null)));
        var visitorId = visitors.requireByToken(visitor).getId();
        assertEquals("come-back.expired", refusal(() -> comeBack.tokenFor(
                comeBack.ticketFor(visitorId, Instant.now().minusSeconds(1)), null)));
        // Each trade is one of the address's handshakes (120 a minute, refilled as the minute goes by): nobody
        // tries tickets without end.
        var client = "198.51.100.23";
        long started = System.nanoTime();
        int traded = 0;
        String refused = null;
        while (refused == null && traded < 240) {
            try {
                assertEquals(visitor, comeBack.tokenFor(ticket, client));
                traded++;
            } catch (RequestRejectedException e) {
                refused = e.code();
            }
        }
        long refilled = (long) Math.ceil((System.nanoTime() - started) / 1e9 * 2); // 120 a minute: 2 a second
        assertEquals("rate.limited", refused);
        assertTrue(traded >= 120 && traded <= 120 + refilled, traded + " trades passed, " + refilled + " refilled");
        assertEquals(visitor, comeBack.tokenFor(ticket, "198.51.100.24"), "another address is not held back");
        assertFalse(mail.body().contains("never was"), "a rolled-back reply sends nothing");
        await("the outbox marked it sent", () -> "SENT".equals(rows(
                "SELECT status FROM outgoing_mail WHERE conversation_id = ?", conversation).get(0).get(0)));
        assertEquals(1L, count("SELECT COUNT(*) FROM outgoing_mail WHERE conversation_id = ?", conversation),
                "one mail: the rolled-back reply left no row");
        // Notes never leave by e-mail.
        agentMessages.note(conversation, firstAdmin(), "private: check the stock");
        assertEquals(1L, count("SELECT COUNT(*) FROM outgoing_mail WHERE conversation_id = ?", conversation));
    }

    @Test
    public void noEmailWithoutAnAddressOrForAChatStartedWhileSomeoneAnswered() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Offline " + UUID.randomUUID())).settings().name();
        var anonymous = AnonymousVisitors.create(visitors);
        long unaddressed = visitorMessages.post(inbox, anonymous, "Call me back?").conversationId();
        agentMessages.reply(unaddressed, firstAdmin(), "We will.", null);

        var team = data.team();
        data.online(team.ada());
        var known = AnonymousVisitors.create(visitors);
        visitors.introduce(known, "Kim", "kim." + UUID.randomUUID() + "@example.com");
        long live = visitorMessages.post(team.inbox(), known, "Hi").conversationId();
        assertEquals("false", rows("SELECT answer_by_email FROM conversation WHERE id = ?", live).get(0).get(0));
        agentMessages.reply(live, firstAdmin(), "Hello Kim", null);
        assertEquals(0L, count("SELECT COUNT(*) FROM outgoing_mail WHERE conversation_id IN (?, ?)", unaddressed,
                live));
    }

    @Test
    public void theChatLogHoldsPublicMessagesOnlyAfterTheChatAndIsMailedWhereTheInboxSaysSo() throws Exception {
        var team = data.team();
        long inboxId = count("SELECT id FROM inbox WHERE display_name = ?", team.inbox());
        inboxes.changeChatLogByEmail(inboxId, true);
        var visitor = AnonymousVisitors.create(visitors);
        var address = "lou." + UUID.randomUUID() + "@example.com";
        visitors.introduce(visitor, "Lou", address);
        long conversation = visitorMessages.post(team.inbox(), visitor, "Is <b>this</b> in stock?")
                .conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        agentMessages.reply(conversation, team.ada(), "Yes, two left.", null);
        agentMessages.note(conversation, team.ada(), "secret: reorder soon");
        assertEquals("chat-log.chat-open", refusal(() -> transcripts.chatLogForVisitor(visitor, conversation)));
        var stranger = AnonymousVisitors.create(visitors);
        assertEquals("conversation.unknown", refusal(() -> transcripts.chatLogForVisitor(stranger, conversation)));
        lifecycle.close(conversation, team.ada());

        var log = transcripts.chatLogForVisitor(visitor, conversation);
        assertEquals(List.of("You", "Ada"), log.lines().stream().map(ChatLog.Line::who).toList());
        var html = log.html();
        assertTrue(html.contains("Is &lt;b&gt;this&lt;/b&gt; in stock?"), html);
        assertFalse(html.contains("<b>this"), "the visitor's text stays text");
        assertFalse(html.contains("reorder"), "notes never reach the visitor");

        // Left while nobody was online: the answer went by e-mail too, then the log when the chat ended.
        var mails = Mailbox.awaitMail(address, 2);
        var mailed = mails.stream().filter(m -> m.subject().equals("Your chat with " + team.inbox())).findFirst();
        assertTrue(mailed.isPresent(), mails.toString());
        assertTrue(mailed.get().body().contains("Yes, two left."), mailed.get().body());
        assertTrue(mailed.get().body().contains("Is <b>this</b> in stock?"), "plain text, as written");
        assertFalse(mailed.get().body().contains("reorder"));
    }

    @Test
    public void noChatLogIsMailedWhereTheInboxSaysNoOrNoAddressIsKnown() throws Exception {
        var team = data.team();
        long inboxId = count("SELECT id FROM inbox WHERE display_name = ?", team.inbox());
        data.online(team.ada());
        var known = AnonymousVisitors.create(visitors);
        visitors.introduce(known, "Noor", "noor." + UUID.randomUUID() + "@example.com");
        long notAllowed = chatEndedWithAReply(team, known);

        inboxes.changeChatLogByEmail(inboxId, true);
        long noAddress = chatEndedWithAReply(team, AnonymousVisitors.create(visitors));

        assertEquals(0L, count("SELECT COUNT(*) FROM outgoing_mail WHERE conversation_id IN (?, ?)", notAllowed,
                noAddress), "the inbox did not allow it, then nobody to send it to");
    }

    private long chatEndedWithAReply(TestData.Team team, String visitor) throws Exception {
        long conversation = visitorMessages.post(team.inbox(), visitor, "A question").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        agentMessages.reply(conversation, team.ada(), "An answer", null);
        lifecycle.close(conversation, team.ada());
        return conversation;
    }

    @Test
    public void sentAndFailedMailsGoAfterTheRetentionOrWhenDismissedAndPendingOnesStay() throws Exception {
        var days = mailRetention.retention().toDays();
        assertEquals(30, days, "the default retention");
        var now = Instant.now();
        long oldSent = mailRow("SENT", now.minus(Duration.ofDays(days + 2)), now.minus(Duration.ofDays(days + 1)));
        long newSent = mailRow("SENT", now.minus(Duration.ofDays(days - 1)), now.minus(Duration.ofDays(days - 1)));
        long oldFailed = mailRow("FAILED", now.minus(Duration.ofDays(days + 1)), null);
        long newFailed = mailRow("FAILED", now.minus(Duration.ofDays(1)), null);
        long oldPending = mailRow("PENDING", now.minus(Duration.ofDays(days + 5)), null);
        var ours = List.of(oldSent, newSent, oldFailed, newFailed, oldPending);

        assertTrue(mailRetention.purge(now) >= 2);
        assertEquals(List.of(newSent, newFailed, oldPending), ours.stream().filter(id -> {
            try {
                return count("SELECT COUNT(*) FROM outgoing_mail WHERE id = ?", id) == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList(), "sent and failed ones past the retention went; a pending one may still go");
        assertTrue(mailOutbox.undelivered(1000).stream().anyMatch(m -> m.id() == newFailed),
                "a recent failure stays in front of the admins");

        assertEquals("mail.not-failed", refusal(() -> mailOutbox.dismiss(oldPending)));
        assertEquals("mail.not-failed", refusal(() -> mailOutbox.dismiss(newSent)));
        mailOutbox.dismiss(newFailed);
        assertEquals(0L, count("SELECT COUNT(*) FROM outgoing_mail WHERE id = ?", newFailed), "dismissed");
        assertEquals("mail.unknown", refusal(() -> mailOutbox.dismiss(newFailed)));
        assertEquals(2L, count("SELECT COUNT(*) FROM outgoing_mail WHERE id IN (?, ?)", newSent, oldPending));
    }

    /** An outbox row as the sender would have left it, back-dated; a pending one is not due for a day. */
    private static long mailRow(String status, Instant created, Instant sent) throws Exception {
        try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(
                "INSERT INTO outgoing_mail (recipient, subject, body, status, attempts, next_attempt_at, last_error, "
                        + "created_at, sent_at) VALUES (?, 'Retention', 'body', ?, 1, ?, ?, ?, ?)",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
            statement.setString(1, "lou." + UUID.randomUUID() + "@example.com");
            statement.setString(2, status);
            statement.setTimestamp(3, status.equals("PENDING") ? Timestamp.from(Instant.now().plus(Duration.ofDays(1)))
                    : null);
            statement.setString(4, status.equals("SENT") ? null : "550 no such user");
            statement.setTimestamp(5, Timestamp.from(created));
            statement.setTimestamp(6, sent == null ? null : Timestamp.from(sent));
            statement.executeUpdate();
            try (var keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
