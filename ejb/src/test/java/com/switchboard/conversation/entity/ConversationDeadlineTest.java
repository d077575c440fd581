package com.switchboard.conversation.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Role;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.visitor.entity.Visitor;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationDeadlineTest {

    private static final Duration LIMIT = Duration.ofMinutes(5);
    /** The conversation's clock is the test's: each step names its time, and no test waits for one to pass. */
    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

    private final Agent agent = new Agent("ada@example.com", "Ada", "hash", Set.of(Role.AGENT));

    @Test
    void aVisitorMessageStartsTheDeadlineFromItsOwnTime() {
        var conversation = conversation(LIMIT);
        var first = conversation.append(AuthorType.VISITOR, "hello", at(1));

        assertEquals(at(1), first.getCreatedAt());
        assertEquals(at(1), conversation.activity().lastActivityAt());
        assertEquals(first.getCreatedAt(), conversation.getReply().since());
        assertEquals(first.getCreatedAt().plus(LIMIT), conversation.getReply().deadline());
        assertEquals(AwaitedReply.DUE, conversation.getReply().rank());
        assertFalse(conversation.getReply().isAnswered());
    }

    @Test
    void furtherVisitorMessagesKeepTheDeadlineOfTheEarliestUnansweredOne() {
        var conversation = conversation(LIMIT);
        var first = conversation.append(AuthorType.VISITOR, "hello", at(1));
        conversation.append(AuthorType.VISITOR, "anyone?", at(2));

        assertEquals(first.getCreatedAt(), conversation.getReply().since());
        assertEquals(first.getCreatedAt().plus(LIMIT), conversation.getReply().deadline());
    }

    @Test
    void anAgentReplyAnswersAndTheNextVisitorMessageStartsANewDeadline() {
        var conversation = conversation(LIMIT);
        conversation.append(AuthorType.VISITOR, "hello", at(1));
        conversation.append(AuthorType.AGENT, "hi, how can I help?", agent, null, at(2));

        assertTrue(conversation.getReply().isAnswered());
        assertNull(conversation.getReply().since());
        assertNull(conversation.getReply().deadline());
        assertEquals(AwaitedReply.SETTLED, conversation.getReply().rank());
        var next = conversation.append(AuthorType.VISITOR, "my order is late", at(3));
        assertEquals(next.getCreatedAt(), conversation.getReply().since());
        assertEquals(next.getCreatedAt().plus(LIMIT), conversation.getReply().deadline());
    }

    @Test
    void notesAndInternalEntriesAnswerNothing() {
        var conversation = conversation(LIMIT);
        var first = conversation.append(AuthorType.VISITOR, "hello", at(1));
        conversation.append(AuthorType.NOTE, "looking into it", agent, null, at(2));
        conversation.append(AuthorType.INTERNAL, "Ada invited Bob.", agent, null, at(3));

        assertEquals(first.getCreatedAt().plus(LIMIT), conversation.getReply().deadline());
        assertEquals(1L, conversation.activity().lastMessageSeq(), "the preview stays on the last public message");
    }

    @Test
    void withoutAReplyTimeLimitTheConversationAwaitsAReplyWithoutADeadline() {
        var conversation = conversation(null);
        var first = conversation.append(AuthorType.VISITOR, "hello", at(1));

        assertEquals(first.getCreatedAt(), conversation.getReply().since());
        assertNull(conversation.getReply().deadline());
        assertEquals(AwaitedReply.AWAITING, conversation.getReply().rank());
    }

    @Test
    void closingSettlesItAndAVisitorWritingAgainStartsOver() {
        var conversation = conversation(LIMIT);
        conversation.append(AuthorType.VISITOR, "thanks, bye", at(1));
        conversation.close(at(2), EndedBy.VISITOR);

        assertNull(conversation.getReply().deadline());
        assertEquals(AwaitedReply.SETTLED, conversation.getReply().rank());

        conversation.reopen(at(3));
        var again = conversation.append(AuthorType.VISITOR, "one more thing", at(4));
        assertEquals(again.getCreatedAt().plus(LIMIT), conversation.getReply().deadline());
    }

    @Test
    void closingReopensOnlyWhatWasClosed() {
        var conversation = conversation(LIMIT);
        conversation.append(AuthorType.VISITOR, "hello", at(1));
        assertFalse(conversation.reopen(at(2)), "an open conversation does not reopen");
        conversation.close(at(3), EndedBy.VISITOR);
        assertTrue(conversation.reopen(at(4)));
        assertEquals(ConversationStatus.WAITING, conversation.getStatus(), "nobody held it: it waits again");
        assertEquals(at(4), conversation.getQueuedAt(), "queued again as it reopened");
    }

    @Test
    void aPassedDeadlineIsAnnouncedOncePerDeadline() {
        var conversation = conversation(LIMIT);
        var first = conversation.append(AuthorType.VISITOR, "hello", at(1));
        var late = first.getCreatedAt().plus(LIMIT);

        assertFalse(conversation.announceOverdue(late.minusMillis(1)), "not before the deadline");
        assertFalse(conversation.getReply().isOverdue(late.minusMillis(1)));
        assertTrue(conversation.getReply().isOverdue(late));
        assertTrue(conversation.announceOverdue(late));
        assertFalse(conversation.announceOverdue(late.plusSeconds(60)), "once");

        conversation.append(AuthorType.AGENT, "sorry for the wait", agent, null, at(2));
        assertFalse(conversation.getReply().isOverdue(late.plusSeconds(60)), "answered");
        var next = conversation.append(AuthorType.VISITOR, "and another thing", at(3));
        assertTrue(conversation.announceOverdue(next.getCreatedAt().plus(LIMIT)), "a new deadline, a new alert");
    }

    @Test
    void aClosedConversationIsNeverAnnouncedOverdue() {
        var conversation = conversation(LIMIT);
        conversation.append(AuthorType.VISITOR, "bye", at(1));
        conversation.close(at(2), EndedBy.VISITOR);
        assertFalse(conversation.announceOverdue(at(2).plus(LIMIT).plusSeconds(1)));
    }

    @Test
    void theVisitorAnsweringAnAgentEndsTheirInactivityDeadlineAndAReusedTimerIsNotArmedTwice() {
        var conversation = conversation(LIMIT);
        var now = T0;
        conversation.append(AuthorType.AGENT, "Which order is it?", agent, null, at(1));
        assertTrue(conversation.inactivity().moveTo(now.plusSeconds(60), now), "the first deadline needs a timer");
        assertEquals(now.plusSeconds(60), conversation.inactivity().deadline());

        conversation.append(AuthorType.VISITOR, "number 42", at(2));
        assertNull(conversation.inactivity().deadline(), "the visitor answered: nothing is due on their side");

        conversation.append(AuthorType.AGENT, "Found it, anything else?", agent, null, at(3));
        assertFalse(conversation.inactivity().moveTo(now.plusSeconds(90), now.plusSeconds(30)),
                "the timer armed for the earlier deadline still fires first, and re-arms itself then");
        assertEquals(now.plusSeconds(90), conversation.inactivity().deadline());
    }

    @Test
    void notesAndSystemMessagesLeaveTheInactivityDeadlineAlone() {
        var conversation = conversation(LIMIT);
        var now = T0;
        conversation.inactivity().moveTo(now.plusSeconds(60), now);
        conversation.append(AuthorType.NOTE, "waiting for the customer", agent, null, at(1));
        conversation.append(AuthorType.SYSTEM, "Your parcel was shipped.", at(2));

        assertEquals(now.plusSeconds(60), conversation.inactivity().deadline());
    }

    @Test
    void aNewConversationStartsOnItsChannelAndWithoutAPreview() {
        var widget = conversation(LIMIT);
        assertEquals(Channel.WIDGET, widget.getChannel());
        assertNull(widget.activity().lastMessageSeq());
        var inbox = new Inbox(InboxSettings.defaults("support"), "key", null);
        var jms = new Conversation(inbox, new Visitor("t"), Channel.JMS, T0);
        assertEquals(Channel.JMS, jms.getChannel());
        assertEquals(AwaitedReply.SETTLED, jms.getReply().rank(), "nothing to answer before the first message");
    }

    private static Conversation conversation(Duration replyTimeLimit) {
        var settings = new InboxSettings("support", null, null, null, null, replyTimeLimit, null);
        return new Conversation(new Inbox(settings, "key", null), new Visitor("token"), Channel.WIDGET, T0);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }
}
