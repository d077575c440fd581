package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.dataSource;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.Database.status;
import static com.switchboard.it.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.InactivityAction;
import com.switchboard.inbox.entity.InactivityPolicy;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Inactivity rules (one policy "minute" lasts a second in this suite: SWITCHBOARD_INACTIVITY_UNIT). */
@ExtendWith(ArquillianExtension.class)
class InactivityIT {

    @Inject
    TestData data;

    @EJB
    AgentMessages agentMessages;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    InboxService inboxes;

    @EJB
    VisitorService visitors;

    @Test
    public void aVisitorWaitingForAnAgentIsNeverToldTheyWereInactive() throws Exception {
        var inbox = data.inboxWithInactivity(new InactivityPolicy(1, InactivityAction.SEND_MESSAGE_AND_CLOSE, "Bye!"));
        var token = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(inbox, token, "Hello? Anyone?").conversationId();
        visitorMessages.post(inbox, token, "Still waiting here");

        Thread.sleep(7000); // a timer, and a sweep after it, would have acted by now
        assertNotEquals("CLOSED", status(conversation), "the agent owes the answer, not the visitor");
        assertEquals(0L, count("SELECT COUNT(*) FROM message WHERE conversation_id = ? AND author_type = 'SYSTEM'",
                conversation), "no inactivity message to a visitor who waits for an agent");

        agentMessages.reply(conversation, firstAdmin(), "Sorry for the wait: which order is it?", null);
        await("the visitor who does not answer the agent is closed with a goodbye",
                () -> "CLOSED".equals(status(conversation)));
        assertEquals(List.of(List.of("SYSTEM", "Bye!")), rows("SELECT author_type, body FROM message "
                + "WHERE conversation_id = ? AND seq = 4", conversation));
    }

    @Test
    public void aVisitorWhoDoesNotAnswerGetsTheInactivityMessageOnceAndTheConversationStaysOpen() throws Exception {
        var inbox = data.inboxWithInactivity(new InactivityPolicy(1, InactivityAction.SEND_MESSAGE, "Still there?"));
        var token = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(inbox, token, "hello").conversationId();
        agentMessages.reply(conversation, firstAdmin(), "Hi! How can I help?", null);

        await("the inactivity message", () -> count("SELECT COUNT(*) FROM message WHERE conversation_id = ? "
                + "AND author_type = 'SYSTEM' AND body = 'Still there?'", conversation) == 1);
        Thread.sleep(2500);
        assertEquals(1L, count("SELECT COUNT(*) FROM message WHERE conversation_id = ? AND author_type = 'SYSTEM'",
                conversation), "once per silence, not once per timer or sweep");
        assertTrue(List.of("WAITING", "OFFERED", "ASSIGNED").contains(status(conversation)));

        visitorMessages.post(inbox, token, "yes, my parcel");
        Thread.sleep(7000);
        assertEquals(1L, count("SELECT COUNT(*) FROM message WHERE conversation_id = ? AND author_type = 'SYSTEM'",
                conversation), "the visitor answered: the agent owes the next message");

        agentMessages.reply(conversation, firstAdmin(), "Which parcel?", null);
        await("a second unanswered agent message, a second inactivity message", () -> count("SELECT COUNT(*) "
                + "FROM message WHERE conversation_id = ? AND author_type = 'SYSTEM'", conversation) == 2);
    }

    @Test
    public void eachAgentMessageMovesTheDeadlineAndThenTheConversationCloses() throws Exception {
        var inbox = data.inboxWithInactivity(new InactivityPolicy(3, InactivityAction.CLOSE, null));
        var token = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(inbox, token, "one").conversationId();
        agentMessages.reply(conversation, firstAdmin(), "two", null);
        Thread.sleep(2000);
        agentMessages.reply(conversation, firstAdmin(), "three", null);
        Thread.sleep(2000);

        assertNotEquals("CLOSED", status(conversation), "4 s after the first reply, 2 s after the second");
        await("closed 3 s after the last agent message", () -> "CLOSED".equals(status(conversation)));
        assertEquals(0L, count("SELECT COUNT(*) FROM message WHERE conversation_id = ? AND author_type = 'SYSTEM'",
                conversation));
    }

    @Test
    public void sendAndCloseDoesBothAndALostTimerIsCaughtByTheSweeper() throws Exception {
        var inbox = data.inboxWithInactivity(new InactivityPolicy(1, InactivityAction.SEND_MESSAGE_AND_CLOSE, "Bye!"));
        long conversation = visitorMessages.post(inbox, AnonymousVisitors.create(visitors), "hi").conversationId();
        agentMessages.reply(conversation, firstAdmin(), "Hello, what can I do for you?", null);
        await("closed with a goodbye", () -> "CLOSED".equals(status(conversation)));
        assertEquals(List.of(List.of("SYSTEM", "Bye!")), rows("SELECT author_type, body FROM message "
                + "WHERE conversation_id = ? AND seq = 3", conversation));

        // A deadline whose timer died with its node: only the sweeper knows about it.
        long orphan = visitorMessages.post(inbox, AnonymousVisitors.create(visitors), "hi").conversationId();
        agentMessages.reply(orphan, firstAdmin(), "Hello?", null);
        // And one written before inactivity counted from the agent's message: its visitor still waits for an answer.
        long waiting = visitorMessages.post(inbox, AnonymousVisitors.create(visitors), "hi").conversationId();
        try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(
                "UPDATE conversation SET inactivity_deadline = ?, inactivity_timer_at = NULL WHERE id IN (?, ?)")) {
            statement.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(60)));
            statement.setLong(2, orphan);
            statement.setLong(3, waiting);
            assertEquals(2, statement.executeUpdate());
        }
        await("the sweeper closes it", () -> "CLOSED".equals(status(orphan)));
        await("the sweeper drops the deadline of the visitor who waits", () -> count(
                "SELECT COUNT(*) FROM conversation WHERE id = ? AND inactivity_deadline IS NULL", waiting) == 1);
        assertNotEquals("CLOSED", status(waiting));
        assertEquals(0L, count("SELECT COUNT(*) FROM message WHERE conversation_id = ? AND author_type = 'SYSTEM'",
                waiting));
    }
}
