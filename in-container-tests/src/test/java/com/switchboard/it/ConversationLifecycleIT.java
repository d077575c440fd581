package com.switchboard.it;

import static com.switchboard.it.Answers.json;
import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.Database.status;
import static com.switchboard.it.Database.version;
import static com.switchboard.it.Waits.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.AgentWorkspace;
import com.switchboard.conversation.boundary.ConversationDirectory;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.conversation.boundary.OverdueConversation;
import com.switchboard.conversation.boundary.OverdueReplies;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.entity.EndedBy;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.InactivityAction;
import com.switchboard.inbox.entity.InactivityPolicy;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.Destinations;
import com.switchboard.transcript.boundary.StaffTranscript;
import com.switchboard.transcript.boundary.StaffTranscripts;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conversation's lifecycle: close, reopen, archive, hand on, reply deadlines, tags and deletion. */
@ExtendWith(ArquillianExtension.class)
class ConversationLifecycleIT {

    @EJB
    ConversationDirectory directory;

    @EJB
    StaffTranscripts staffTranscripts;

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
    AgentWorkspace workspace;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationParticipants participants;

    @EJB
    OverdueReplies overdueReplies;

    @Inject
    TestData data;

    @Test
    public void theHolderRepliesClosesAndAVisitorMessageReopensTheConversation() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
        var first = visitorMessages.post(team.inbox(), visitor, "Is anyone there?");
        long conversation = first.conversationId();

        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> agentMessages.reply(conversation, team.ada(), "I'll take it", null)).code(),
                "nobody replies to a waiting conversation without holding it");
        assertEquals("conversation.reassign-forbidden", assertThrows(RequestRejectedException.class,
                () -> participants.handOn(conversation, team.ada(), team.ada())).code(), "agents do not assign themselves");
        participants.handOn(conversation, firstAdmin(), team.ada());
        assertEquals("ASSIGNED", status(conversation));

        var reply = agentMessages.reply(conversation, team.ada(), "Yes, how can I help?", first.seq());
        assertEquals(2, reply.seq());
        assertEquals(1L, count("SELECT COUNT(*) FROM conversation WHERE id = ? AND first_response_at IS NOT NULL",
                conversation));
        lifecycle.close(conversation, team.ada());
        assertEquals("CLOSED", status(conversation));

        var again = visitorMessages.post(team.inbox(), visitor, "One more thing");
        assertEquals(conversation, again.conversationId(), "the same conversation, reopened");
        assertEquals(3, again.seq());
        assertEquals("ASSIGNED", status(conversation), "back with the agent who held it");
    }

    @Test
    public void closingAndReopeningTellTheConsolesTheStatusAndWhoReopenedIt() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(team.inbox(), visitor, "Status, please").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        var id = "\"conversationId\":" + conversation + ",";
        try (var events = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS)) {
            lifecycle.close(conversation, team.ada());
            var closed = json(events.await(body -> body.contains("\"type\":\"conversation.status\"")
                    && body.contains(id), Duration.ofSeconds(15)).orElseThrow(() -> new AssertionError(
                    "no conversation.status of the close; got " + events.seen())));
            assertAll(() -> assertEquals("CLOSED", closed.getString("status")),
                    () -> assertFalse(closed.getBoolean("reopened")),
                    () -> assertEquals(team.ada(), closed.getJsonNumber("holderId").longValue()));

            visitorMessages.post(team.inbox(), visitor, "One more thing");
            var reopened = json(events.await(body -> body.contains("\"type\":\"conversation.status\"")
                    && body.contains(id), Duration.ofSeconds(15)).orElseThrow(() -> new AssertionError(
                    "no conversation.status of the reopening; got " + events.seen())));
            assertAll(() -> assertEquals("ASSIGNED", reopened.getString("status")),
                    () -> assertTrue(reopened.getBoolean("reopened")),
                    () -> assertFalse(reopened.containsKey("byAgentId"), "the visitor reopened it"),
                    () -> assertEquals(team.ada(), reopened.getJsonNumber("holderId").longValue()));

            lifecycle.close(conversation, team.ada());
            agentMessages.reply(conversation, team.ada(), "Also: your refund is on its way.", null);
            var byAgent = json(events.await(body -> body.contains("\"reopened\":true") && body.contains(id),
                    Duration.ofSeconds(15)).orElseThrow(() -> new AssertionError(
                    "no conversation.status of the agent's reopening; got " + events.seen())));
            assertEquals(team.ada(), byAgent.getJsonNumber("byAgentId").longValue());
        }
    }

    @Test
    public void aReplyPastItsDeadlineIsAnnouncedOnceAndCountedInItsInboxUntilItIsAnswered() throws Exception {
        var inbox = inboxes.create(new InboxSettings("Overdue " + UUID.randomUUID(), AssignmentMode.MANUAL, null,
                null, null, Duration.ofSeconds(1), null));
        long ada = data.member(inbox.id(), "Ada");
        var visitor = AnonymousVisitors.create(visitors);
        try (var events = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS)) {
            long conversation = visitorMessages.post(inbox.settings().name(), visitor, "Hello?")
                    .conversationId();
            participants.handOn(conversation, firstAdmin(), ada);
            var id = "\"conversationId\":" + conversation + ",";
            // The sweeper announces it a few seconds after its deadline.
            var overdue = json(events.await(body -> body.contains("\"type\":\"conversation.overdue\"")
                    && body.contains(id), Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError(
                    "no conversation.overdue; got " + events.seen())));
            assertAll(() -> assertEquals(ada, overdue.getJsonNumber("holderId").longValue()),
                    () -> assertTrue(overdue.containsKey("replyDeadline")));
            assertEquals(1L, count("SELECT COUNT(*) FROM conversation WHERE id = ? AND overdue_announced = TRUE",
                    conversation));
            assertEquals(1L, overdueReplies.countByInbox().get(inbox.id()));
            var listed = overdueReplies.list(10, inbox.id());
            assertEquals(List.of(conversation), listed.stream().map(OverdueConversation::conversationId).toList());
            assertAll(() -> assertEquals("Ada", listed.get(0).holderName()),
                    () -> assertEquals(inbox.settings().name(), listed.get(0).inboxName()),
                    () -> assertNotNull(listed.get(0).waitingSince()));
            var line = data.page(ada, ConversationQuery.all().page(0, ConversationQuery.MAX_SIZE)).items().stream()
                    .filter(c -> c.id() == conversation).findFirst().orElseThrow();
            assertTrue(line.overdue(), "the list marks it");

            // Once: announcing it again (a second node's sweep) sends nothing.
            overdueReplies.announce(conversation);
            var again = events.await(body -> body.contains("conversation.overdue") && body.contains(id),
                    Duration.ofSeconds(3));
            assertTrue(again.isEmpty(), () -> "announced twice: " + again.get());

            // Answered: no longer overdue; the visitor's next message starts a deadline announced anew.
            agentMessages.reply(conversation, ada, "Here I am.", null);
            assertNull(overdueReplies.countByInbox().get(inbox.id()));
            assertEquals(List.of(), overdueReplies.list(10, inbox.id()));
            assertEquals(0L, count("SELECT COUNT(*) FROM conversation WHERE id = ? AND overdue_announced = TRUE",
                    conversation));
            visitorMessages.post(inbox.settings().name(), visitor, "Still there?");
            assertTrue(events.await(body -> body.contains("\"type\":\"conversation.overdue\"")
                    && body.contains(id), Duration.ofSeconds(20)).isPresent(), "the new deadline is announced");
        }
    }

    @Test
    public void onlyTheHolderOrAnAdminHandsItOnAndThePreviousHolderLosesTheHistory() throws Exception {
        var team = data.team();
        long conversation = visitorMessages.post(team.inbox(), AnonymousVisitors.create(visitors), "Hello")
                .conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        lifecycle.close(conversation, team.ada());

        assertEquals("conversation.reassign-forbidden", assertThrows(RequestRejectedException.class,
                () -> participants.handOn(conversation, team.bob(), team.bob())).code());
        participants.handOn(conversation, team.ada(), team.bob());

        assertEquals("CLOSED", status(conversation), "reassigning a closed conversation keeps it closed");
        assertEquals((long) team.bob(), count("SELECT assignee_id FROM conversation WHERE id = ?", conversation));
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> transcripts.forAgent(team.ada(), conversation)).code());
        assertEquals(1, transcripts.forAgent(team.bob(), conversation).size());
        assertEquals(1, transcripts.forAgent(firstAdmin(), conversation).size(), "admins keep it");
    }

    @Test
    public void anArchivedConversationTakesNoRepliesAndTheVisitorStartsANewOne() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(team.inbox(), visitor, "Thanks, bye").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        lifecycle.archive(conversation, team.ada());

        assertEquals("ARCHIVED", status(conversation));
        assertEquals("conversation.archived", assertThrows(RequestRejectedException.class,
                () -> agentMessages.reply(conversation, team.ada(), "Anything else?", null)).code());
        var next = visitorMessages.post(team.inbox(), visitor, "Hello again");
        assertNotEquals(conversation, next.conversationId());
        assertEquals(1, next.seq());
    }

    @Test
    public void conversationsAreTaggedByThoseWhoMayReadThem() throws Exception {
        var team = data.team();
        long conversation = visitorMessages.post(team.inbox(), AnonymousVisitors.create(visitors), "Refund?")
                .conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());

        long read = version(conversation);
        assertEquals(Set.of("refund", "vip customer"),
                lifecycle.retag(conversation, team.ada(), read, List.of("Refund", "VIP  customer")));
        assertEquals(List.of("refund", "vip customer"),
                rows("SELECT tag FROM conversation_tag WHERE conversation_id = ? ORDER BY tag", conversation)
                        .stream().map(row -> row.get(0)).toList());
        assertTrue(version(conversation) > read, "a change of tags is a change of the conversation");
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> lifecycle.retag(conversation, team.bob(), version(conversation), List.of("mine"))).code());

        // A second editor who read the same version loses with a conflict instead of undoing the first edit.
        assertEquals("conversation.changed", assertThrows(RequestRejectedException.class,
                () -> lifecycle.retag(conversation, team.ada(), read, List.of("other"))).code());
        assertEquals(2L, count("SELECT COUNT(*) FROM conversation_tag WHERE conversation_id = ?", conversation));
        assertEquals(Set.of(), lifecycle.retag(conversation, team.ada(), version(conversation), List.of()));
    }

    @Test
    public void onlyAdminsDeleteAndABulkDeletionIsAllOrNothingWithAnAuditTrail() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
        long first = visitorMessages.post(team.inbox(), visitor, "first").conversationId();
        participants.handOn(first, firstAdmin(), team.ada());
        agentMessages.note(first, team.ada(), "a note");
        lifecycle.retag(first, team.ada(), version(first), List.of("spam"));
        workspace.saveDraft(team.ada(), first, "draft");
        lifecycle.archive(first, team.ada());
        long second = visitorMessages.post(team.inbox(), visitor, "second").conversationId();

        assertEquals("conversation.delete-forbidden", assertThrows(RequestRejectedException.class,
                () -> lifecycle.delete(team.ada(), List.of(first))).code());
        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> lifecycle.delete(firstAdmin(), List.of(first, second, Long.MAX_VALUE))).code());
        assertEquals(2L, count("SELECT COUNT(*) FROM conversation WHERE id IN (?, ?)", first, second),
                "an unknown id deletes nothing");

        assertEquals(2, lifecycle.delete(firstAdmin(), List.of(first, second)));

        assertEquals(0L, count("SELECT COUNT(*) FROM conversation WHERE id IN (?, ?)", first, second));
        assertEquals(0L, count("SELECT COUNT(*) FROM message WHERE conversation_id IN (?, ?)", first, second));
        assertEquals(0L, count("SELECT COUNT(*) FROM conversation_tag WHERE conversation_id = ?", first));
        assertEquals(0L, count("SELECT COUNT(*) FROM agent_conversation_state WHERE conversation_id = ?", first));
        assertEquals(List.of(List.of(String.valueOf(first), "2", String.valueOf(firstAdmin())),
                        List.of(String.valueOf(second), "1", String.valueOf(firstAdmin()))),
                rows("SELECT conversation_id, messages, deleted_by FROM conversation_deletion "
                        + "WHERE conversation_id IN (?, ?) ORDER BY conversation_id", first, second));
        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> transcripts.forVisitor(visitor, first)).code(), "gone for the visitor too");
    }

    @Test
    public void whoClosedOrArchivedIsRecordedOnEveryPathShownToStaffAndSentToLegacySystems() throws Exception {
        var team = data.team();
        var quiet = data.inboxWithInactivity(new InactivityPolicy(1, InactivityAction.CLOSE, null));
        var customer = "cust-" + UUID.randomUUID();
        try (var events = TopicSubscriber.subscribe(Destinations.EVENTS); var client = QueueClient.connect()) {
            // An agent closes; a reopening clears it; the visitor closes; an admin archives in the admin console.
            var visitor = AnonymousVisitors.create(visitors);
            long byAgent = visitorMessages.post(team.inbox(), visitor, "Hello").conversationId();
            participants.handOn(byAgent, firstAdmin(), team.ada());
            lifecycle.close(byAgent, team.ada());
            assertEquals(List.of("AGENT", String.valueOf(team.ada()), "Ada"), closedBy(byAgent));
            assertEquals("Ada", directory.find(team.ada(), byAgent).closed().by().name());
            assertEquals(List.of("AGENT", String.valueOf(team.ada()), "Ada"),
                    endedBy(closedEvent(events, byAgent).getJsonObject("closedBy")));

            visitorMessages.post(team.inbox(), visitor, "One more thing");
            assertEquals(Arrays.asList(null, null, null), closedBy(byAgent), "a reopening clears who closed it");
            assertNull(directory.find(team.ada(), byAgent).closed());
            lifecycle.closeByVisitor(visitor, byAgent);
            assertEquals(Arrays.asList("VISITOR", null, null), closedBy(byAgent));
            lifecycle.archiveInAdminConsole(byAgent, firstAdmin());
            assertEquals(List.of("ADMIN", String.valueOf(firstAdmin()), "Administrator"),
                    rows("SELECT archived_by_kind, archived_by_agent_id, archived_by_name FROM conversation "
                            + "WHERE id = ?", byAgent).get(0));
            var line = directory.find(firstAdmin(), byAgent);
            assertEquals(List.of(EndedBy.VISITOR, EndedBy.Kind.ADMIN), List.of(line.closed().by(),
                    line.archived().by().kind()));
            var archived = events.await(body -> body.contains("\"type\":\"conversation.archived\"")
                    && json(body).getJsonNumber("conversationId").longValue() == byAgent, Duration.ofSeconds(20))
                    .map(Answers::json).orElseThrow(() -> new AssertionError("no conversation.archived"));
            assertEquals(List.of("ADMIN", String.valueOf(firstAdmin()), "Administrator"),
                    endedBy(archived.getJsonObject("archivedBy")));
            var history = staffTranscripts.of(firstAdmin(), byAgent).entries().stream()
                    .filter(e -> e.kind() == StaffTranscript.Kind.EVENT).map(e -> e.who())
                    .filter(w -> w.startsWith("Closed") || w.startsWith("Archived")).toList();
            assertEquals(List.of("Closed by Ada", "Closed by the visitor", "Archived by Administrator (admin console)"),
                    history, "the transcript keeps every close with who made it");
            var facts = staffTranscripts.of(firstAdmin(), byAgent).facts();
            assertEquals(List.of("the visitor", "Administrator (admin console)"),
                    List.of(facts.closedBy(), facts.archivedBy()));

            // The inactivity rule closes.
            long idle = visitorMessages.post(quiet, AnonymousVisitors.create(visitors), "hi").conversationId();
            agentMessages.reply(idle, firstAdmin(), "Anything else?", null);
            await("closed for inactivity", () -> "CLOSED".equals(status(idle)));
            assertEquals(Arrays.asList("INACTIVITY", null, null), closedBy(idle));
            var inactivity = closedEvent(events, idle).getJsonObject("closedBy");
            assertEquals(Set.of("kind"), inactivity.keySet(), "only the kind: nobody's id or name");
            assertEquals("INACTIVITY", inactivity.getString("kind"));

            // A legacy system closes over JMS.
            var opening = client.inbound("""
                    {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"where is my order?"}""", team.inbox(), customer);
            long legacy = count("SELECT conversation_id FROM inbound_message WHERE external_id = ?", opening);
            var closing = client.inbound("""
                    {"type":"conversation.close","externalId":"%s","conversationId":%d}""", legacy);
            assertEquals(Arrays.asList("SYSTEM", null, null), closedBy(legacy));
            var bySystem = closedEvent(events, legacy);
            assertEquals(List.of("SYSTEM", closing), List.of(bySystem.getJsonObject("closedBy").getString("kind"),
                    bySystem.getString("externalId")));
        }
    }

    /** closed_by_kind, closed_by_agent_id, closed_by_name of the conversation's row. */
    private static List<String> closedBy(long conversation) throws Exception {
        return rows("SELECT closed_by_kind, closed_by_agent_id, closed_by_name FROM conversation WHERE id = ?",
                conversation).get(0);
    }

    private static List<String> endedBy(JsonObject by) {
        return List.of(by.getString("kind"), String.valueOf(by.getJsonNumber("agentId").longValue()),
                by.getString("agentName"));
    }

    /** The outbound conversation.closed of the conversation (the latest one the subscriber has not taken yet). */
    private static JsonObject closedEvent(TopicSubscriber events, long conversation) throws Exception {
        return events.await(body -> body.contains("\"type\":\"conversation.closed\"")
                        && json(body).getJsonNumber("conversationId").longValue() == conversation,
                Duration.ofSeconds(20)).map(Answers::json)
                .orElseThrow(() -> new AssertionError("no conversation.closed of " + conversation));
    }
}
