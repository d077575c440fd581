package com.switchboard.it;

import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.Database.version;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.conversation.boundary.ConversationSummary;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.entity.Channel;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conversation list: who sees what, filters, search, processing order, pages. */
@ExtendWith(ArquillianExtension.class)
class ConversationDirectoryIT {

    @EJB
    AgentMessages agentMessages;

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    Transcripts transcripts;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationParticipants participants;

    @Inject
    TestData data;

    @Test
    public void listingShowsEachAgentWhatTheyMayOpenAndAgreesWithOpeningIt() throws Exception {
        var crew = data.crew(null);
        long waiting = data.visitorWrites(crew, "waiting for anyone");
        long adas = data.visitorWrites(crew, "for Ada");
        participants.handOn(adas, firstAdmin(), crew.ada());
        long bobs = data.visitorWrites(crew, "for Bob");
        participants.handOn(bobs, firstAdmin(), crew.bob());
        long shared = data.visitorWrites(crew, "for Bob, with Carol invited");
        participants.handOn(shared, firstAdmin(), crew.bob());
        participants.invite(shared, crew.bob(), crew.carol());
        var ours = List.of(waiting, adas, bobs, shared);

        // Fresh agents belong to this inbox only: their whole lists are exactly what they may see here.
        assertEquals(Set.of(waiting, adas), data.listed(crew.ada(), ConversationQuery.all()));
        assertEquals(Set.of(waiting, bobs, shared), data.listed(crew.bob(), ConversationQuery.all()));
        assertEquals(Set.of(shared), data.listed(crew.carol(), ConversationQuery.all()),
                "a participant sees the invited one");
        assertEquals(Set.copyOf(ours),
                data.listed(crew.sue(), ConversationQuery.all().withInboxes(List.of(crew.inboxId()))),
                "a supervisor sees all of them");
        for (var agent : List.of(crew.ada(), crew.bob(), crew.carol(), crew.sue())) {
            assertListAndOpeningAgree(agent, ours, crew.inboxId());
        }

        participants.handOn(adas, crew.ada(), crew.bob());
        assertEquals(Set.of(waiting), data.listed(crew.ada(), ConversationQuery.all()), "the previous holder loses it");
        assertListAndOpeningAgree(crew.ada(), ours, crew.inboxId());
    }

    @Test
    public void listingFiltersByAllTagsChannelAssigneeStatusAndLastMessage() throws Exception {
        var crew = data.crew(null);
        long both = data.visitorWrites(crew, "refund for a vip");
        lifecycle.retag(both, crew.sue(), version(both), List.of("Refund", "VIP"));
        long refund = data.visitorWrites(crew, "refund only");
        lifecycle.retag(refund, crew.sue(), version(refund), List.of("refund"));
        long vip = data.visitorWrites(crew, "vip only");
        lifecycle.retag(vip, crew.sue(), version(vip), List.of("vip", "other"));
        long jms = visitorMessages.post(crew.inbox(), AnonymousVisitors.create(visitors), "from a legacy system",
                Channel.JMS).conversationId();
        participants.handOn(jms, firstAdmin(), crew.ada());
        var mine = ConversationQuery.all().withInboxes(List.of(crew.inboxId()));

        assertEquals(Set.of(both), data.listed(crew.sue(), mine.withTags(List.of("refund", "vip"))),
                "every tag must match");
        assertEquals(Set.of(both, refund), data.listed(crew.sue(), mine.withTags(List.of("REFUND"))));
        assertEquals(Set.of(), data.listed(crew.sue(), mine.withTags(List.of("refund", "vip", "missing"))));
        assertEquals(Set.of(jms), data.listed(crew.sue(), mine.withChannel(Channel.JMS)));
        assertEquals(Set.of(both, refund, vip), data.listed(crew.sue(), mine.withChannel(Channel.WIDGET)));
        assertEquals(Set.of(jms),
                data.listed(crew.sue(), mine.withAssignee(ConversationQuery.Assignee.agent(crew.ada()))));
        assertEquals(Set.of(jms),
                data.listed(crew.ada(), ConversationQuery.all().withAssignee(ConversationQuery.Assignee.me())));
        assertEquals(Set.of(both, refund, vip),
                data.listed(crew.sue(), mine.withAssignee(ConversationQuery.Assignee.unassigned())));
        assertEquals(Set.of(), data.listed(crew.sue(), mine.withAssignee(ConversationQuery.Assignee.me())));

        lifecycle.archive(refund, crew.sue());
        assertEquals(Set.of(both, vip, jms), data.listed(crew.sue(), mine), "the archive is left out by default");
        assertEquals(Set.of(refund), data.listed(crew.sue(), mine.withStatuses(List.of(ConversationStatus.ARCHIVED))));

        var jmsLine = data.page(crew.sue(), mine.withChannel(Channel.JMS)).items().get(0);
        assertAll(
                () -> assertEquals(Channel.JMS, jmsLine.channel()),
                () -> assertEquals(crew.inboxId(), jmsLine.inboxId()),
                () -> assertEquals(crew.ada(), jmsLine.assigneeId()),
                () -> assertEquals("Ada", jmsLine.assigneeName()),
                () -> assertEquals("from a legacy system", jmsLine.lastMessage()),
                () -> assertEquals(ConversationStatus.ASSIGNED, jmsLine.status()));
        var lastMessageAt = jmsLine.lastMessageAt();
        assertEquals(Set.of(jms), data.listed(crew.sue(), mine.withChannel(Channel.JMS)
                .withLastMessageBetween(lastMessageAt.minusSeconds(1), lastMessageAt.plusSeconds(1))));
        assertEquals(Set.of(), data.listed(crew.sue(), mine.withChannel(Channel.JMS)
                .withLastMessageBetween(lastMessageAt, null)), "after is strictly after");
        assertEquals(List.of(List.of("JMS")), rows("SELECT channel FROM conversation WHERE id = ?", jms));
    }

    @Test
    public void listingFindsTextInMessagesNotesAndTheVisitorsNameTakenLiterally() throws Exception {
        var crew = data.crew(null);
        var word = "Parcel" + UUID.randomUUID().toString().substring(0, 8);
        long inMessage = data.visitorWrites(crew, "where is my " + word + "?");
        long inNote = data.visitorWrites(crew, "hello");
        agentMessages.note(inNote, crew.sue(), "customer asked about the " + word.toLowerCase(Locale.ROOT));
        var token = AnonymousVisitors.create(visitors);
        visitors.introduce(token, "Ann " + word, null);
        long byName = visitorMessages.post(crew.inbox(), token, "hi").conversationId();
        long wildcards = data.visitorWrites(crew, "100% sure_" + word);
        var mine = ConversationQuery.all().withInboxes(List.of(crew.inboxId()));

        assertEquals(Set.of(inMessage, inNote, byName, wildcards),
                data.listed(crew.sue(), mine.withText(word.toUpperCase(Locale.ROOT))),
                "any case, message, note or name");
        assertEquals(Set.of(wildcards), data.listed(crew.sue(), mine.withText("100% sure_")), "% and _ are literal");
        assertEquals(Set.of(), data.listed(crew.sue(), mine.withText("100%% sure")));
        assertEquals(Set.of(inMessage, inNote, byName, wildcards), data.listed(crew.sue(), mine.withText("  ")),
                "a blank text filters nothing");
        assertEquals("conversations.text", assertThrows(RequestRejectedException.class,
                () -> mine.withText("x".repeat(ConversationQuery.MAX_TEXT + 1))).code());
    }

    @Test
    public void listingInProcessingOrderPutsTheNearestReplyDeadlineFirstThenTheAnswered() throws Exception {
        var hour = data.crew(Duration.ofHours(1));
        var minute = data.newInbox(Duration.ofMinutes(1));
        var unlimited = data.newInbox(null);
        long answeredFirst = data.visitorWrites(hour, "answered long ago");
        participants.handOn(answeredFirst, firstAdmin(), hour.ada());
        agentMessages.reply(answeredFirst, hour.ada(), "done", null);
        long dueInAnHour = data.visitorWrites(hour, "within the hour, please");
        long dueInAMinute = visitorMessages.post(minute.name(), AnonymousVisitors.create(visitors), "urgent")
                .conversationId();
        long noLimit = visitorMessages.post(unlimited.name(), AnonymousVisitors.create(visitors), "whenever")
                .conversationId();
        long answeredLast = data.visitorWrites(hour, "answered just now");
        participants.handOn(answeredLast, firstAdmin(), hour.ada());
        agentMessages.note(answeredLast, hour.ada(), "a note answers nothing");
        assertEquals(List.of(List.of("0")), rows("SELECT processing_rank FROM conversation "
                + "WHERE id = ? AND reply_deadline IS NOT NULL", answeredLast), "still due: a note answers nothing");
        agentMessages.reply(answeredLast, hour.ada(), "on it", null);

        var all = ConversationQuery.all().withInboxes(List.of(hour.inboxId(), minute.id(), unlimited.id()));
        var lines = data.page(hour.sue(), all).items();
        assertEquals(List.of(dueInAMinute, dueInAnHour, noLimit, answeredLast, answeredFirst),
                lines.stream().map(ConversationSummary::id).toList());
        var urgent = lines.get(0);
        assertEquals(urgent.unansweredSince().plus(Duration.ofMinutes(1)), urgent.replyDeadline());
        assertEquals(lines.get(1).unansweredSince().plus(Duration.ofHours(1)), lines.get(1).replyDeadline());
        assertNotNull(lines.get(2).unansweredSince());
        assertEquals(null, lines.get(2).replyDeadline(), "no limit, no deadline");
        assertEquals(null, lines.get(3).replyDeadline(), "answered");
        assertEquals("on it", lines.get(3).lastMessage(), "the preview is the last public message, not the note");

        participants.handOn(dueInAMinute, firstAdmin(), hour.ada());
        Thread.sleep(1100); // MariaDB keeps whole seconds here: this reply is now the latest activity for sure
        agentMessages.reply(dueInAMinute, hour.ada(), "here I am", null);
        assertEquals(List.of(dueInAnHour, noLimit, dueInAMinute, answeredLast, answeredFirst),
                data.page(hour.sue(), all).items().stream().map(ConversationSummary::id).toList(),
                "answered, it joins the answered ones, the latest activity first");
        var byActivity = data.page(hour.sue(), all.sortedBy(ConversationQuery.Sort.LAST_ACTIVITY)).items();
        assertEquals(dueInAMinute, byActivity.get(0).id());
        for (int i = 1; i < byActivity.size(); i++) {
            var before = byActivity.get(i - 1);
            var after = byActivity.get(i);
            assertTrue(before.lastActivityAt().isAfter(after.lastActivityAt())
                    || before.lastActivityAt().equals(after.lastActivityAt()) && before.id() > after.id(),
                    "latest activity first: " + byActivity);
        }
    }

    @Test
    public void listingPagesAddUpToTheTotalWithoutOverlap() throws Exception {
        var crew = data.crew(null);
        var created = new ArrayList<Long>();
        for (int i = 0; i < 7; i++) {
            created.add(data.visitorWrites(crew, "conversation " + i));
        }
        var query = ConversationQuery.all().withInboxes(List.of(crew.inboxId())).sortedBy(ConversationQuery.Sort.LAST_ACTIVITY);
        var seen = new ArrayList<Long>();
        for (int page = 0; page < 3; page++) {
            var result = data.page(crew.ada(), query.page(page, 3));
            assertEquals(7L, result.total());
            assertEquals(page < 2 ? 3 : 1, result.items().size(), "page " + page);
            result.items().forEach(line -> seen.add(line.id()));
        }
        assertEquals(created.stream().sorted().toList(), seen.stream().sorted().toList(), "every one exactly once");
        var beyond = data.page(crew.ada(), query.page(3, 3));
        assertEquals(List.of(), beyond.items());
        assertEquals(7L, beyond.total());
        assertEquals(1L, data.page(crew.ada(), query.page(0, 3)).items().get(0).unread(), "one visitor message unread");
    }

    /** The list shows a conversation exactly when the agent may open it. */
    private void assertListAndOpeningAgree(long agentId, List<Long> conversations, long inboxId) {
        var listed = data.listed(agentId, ConversationQuery.all().withInboxes(List.of(inboxId)));
        for (var conversation : conversations) {
            boolean opens;
            try {
                transcripts.forAgent(agentId, conversation);
                opens = true;
            } catch (RequestRejectedException e) {
                assertEquals("conversation.not-yours", e.code());
                opens = false;
            }
            assertEquals(opens, listed.contains(conversation),
                    "agent " + agentId + ", conversation " + conversation + ": listed iff it opens");
        }
    }
}
