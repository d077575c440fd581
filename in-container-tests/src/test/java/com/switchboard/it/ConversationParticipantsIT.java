package com.switchboard.it;

import static com.switchboard.it.Answers.json;
import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.rows;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.conversation.boundary.Participant;
import com.switchboard.conversation.boundary.TranscriptEntry;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.Destinations;
import com.switchboard.routing.boundary.Transfers;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Participants of a conversation: who may read, reply and write notes, who leaves, and what the visitor hears of it.
 */
@ExtendWith(ArquillianExtension.class)
class ConversationParticipantsIT {

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

    @EJB
    Transfers transfers;

    @Test
    public void listingParticipantsReadReplyAndWriteNotesAndTheHolderLeavesToOne() throws Exception {
        var crew = data.crew(null);
        var visitor = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(crew.inbox(), visitor, "I need a specialist").conversationId();
        participants.handOn(conversation, firstAdmin(), crew.ada());

        assertEquals("conversation.invite-forbidden", assertThrows(RequestRejectedException.class,
                () -> participants.invite(conversation, crew.bob(), crew.carol())).code(), "Bob does not hold it");
        var carol = participants.invite(conversation, crew.ada(), crew.carol());
        assertEquals(crew.ada(), carol.invitedBy());
        assertEquals("conversation.participant.exists", assertThrows(RequestRejectedException.class,
                () -> participants.invite(conversation, crew.ada(), crew.carol())).code());
        assertEquals("conversation.participant.holder", assertThrows(RequestRejectedException.class,
                () -> participants.invite(conversation, crew.sue(), crew.ada())).code());

        agentMessages.note(conversation, crew.carol(), "Specialist here: it is a known issue");
        agentMessages.reply(conversation, crew.carol(), "Hello from Carol", null);
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> agentMessages.reply(conversation, crew.bob(), "Hello from Bob", null)).code(),
                "a colleague who was not invited does not reply");
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> lifecycle.close(conversation, crew.carol())).code());
        assertEquals("conversation.invite-forbidden", assertThrows(RequestRejectedException.class,
                () -> participants.invite(conversation, crew.carol(), crew.bob())).code());
        assertEquals(List.of("VISITOR", "INTERNAL", "NOTE", "AGENT"), transcripts.forAgent(crew.carol(),
                conversation).stream().map(TranscriptEntry::author).toList());
        assertEquals(List.of("I need a specialist", "Hello from Carol"), transcripts.forVisitor(visitor,
                conversation).stream().map(TranscriptEntry::text).toList(),
                "a participant's reply reaches the visitor; invitations and notes never do");
        assertEquals(List.of(crew.carol()), participants.of(conversation, crew.ada()).stream()
                .map(Participant::agentId).toList());
        assertEquals(2L, data.page(crew.carol(), ConversationQuery.all()).items().get(0).unread(),
                "the visitor's message and Ada's invitation; not her own note");

        participants.leave(conversation, crew.carol());
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> transcripts.forAgent(crew.carol(), conversation)).code());
        assertEquals("conversation.participant.unknown", assertThrows(RequestRejectedException.class,
                () -> participants.remove(conversation, crew.ada(), crew.carol())).code());

        participants.invite(conversation, crew.sue(), crew.carol());
        participants.handOn(conversation, crew.ada(), crew.carol());
        assertEquals(0L, count("SELECT COUNT(*) FROM conversation_participant WHERE conversation_id = ?", conversation),
                "the participant who takes it over holds it instead");
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> transcripts.forAgent(crew.ada(), conversation)).code(),
                "the previous holder is no participant unless invited");
        participants.invite(conversation, crew.carol(), crew.ada());
        assertEquals(7, transcripts.forAgent(crew.ada(), conversation).size());
        participants.remove(conversation, crew.carol(), crew.ada());
        assertEquals(List.of("Ada invited Carol.", "Carol left.", "Sue invited Carol.", "Carol invited Ada.",
                        "Carol removed Ada."),
                rows("SELECT body FROM message WHERE conversation_id = ? AND author_type = 'INTERNAL' ORDER BY seq",
                        conversation).stream().map(row -> row.get(0)).toList());

        participants.invite(conversation, crew.carol(), crew.bob());
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> participants.leaveTo(conversation, crew.bob(), crew.carol())).code(), "only the holder leaves to one");
        assertEquals("conversation.participant.unknown", assertThrows(RequestRejectedException.class,
                () -> participants.leaveTo(conversation, crew.carol(), crew.ada())).code(), "Ada takes no part");
        participants.leaveTo(conversation, crew.carol(), crew.bob());
        assertEquals((long) crew.bob(), count("SELECT assignee_id FROM conversation WHERE id = ?", conversation),
                "the participant holds it once the holder left");
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> transcripts.forAgent(crew.carol(), conversation)).code(), "the holder who left has it no more");
        assertEquals("Carol left; Bob holds the conversation now.", rows("SELECT body FROM message WHERE "
                + "conversation_id = ? AND author_type = 'INTERNAL' ORDER BY seq DESC", conversation).get(0).get(0));

        participants.invite(conversation, crew.bob(), crew.carol());
        assertEquals(1, lifecycle.delete(firstAdmin(), List.of(conversation)), "participants go with the conversation");
        assertEquals(0L, count("SELECT COUNT(*) FROM conversation_participant WHERE conversation_id = ?", conversation));
    }

    /**
     * An admin transfers a chat a supervisor held: the supervisor hears it was handed on and by whom, and that they
     * may still read it (their console keeps the tab with a notice); a plain agent in their place may not.
     */
    @Test
    public void aSupervisorWhoseChatAnAdminHandsOnIsToldAndMayStillReadIt() throws Exception {
        var crew = data.crew(null);
        long sue = data.supervisor("Sue", crew.inboxId());
        data.online(crew.ada());
        long overseen = visitorMessages.post(crew.inbox(), AnonymousVisitors.create(visitors), "Overseen")
                .conversationId();
        participants.handOn(overseen, firstAdmin(), sue);
        long plain = visitorMessages.post(crew.inbox(), AnonymousVisitors.create(visitors), "Plain")
                .conversationId();
        participants.handOn(plain, firstAdmin(), crew.bob());
        try (var events = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS)) {
            transfers.toAgent(firstAdmin(), overseen, crew.ada());
            var handedOn = left(events, overseen);
            assertEquals(List.of(sue, true, true, "Ada"), List.of(handedOn.getJsonNumber("agentId").longValue(),
                    handedOn.getBoolean("askedOut"), handedOn.getBoolean("mayRead"), handedOn.getString("handedTo")),
                    "to Sue alone, who oversees the inbox and so may still read it");
            assertTrue(handedOn.containsKey("handedOnBy"), handedOn.toString());

            transfers.toAgent(firstAdmin(), plain, crew.ada());
            var bobs = left(events, plain);
            assertEquals(List.of(crew.bob(), false), List.of(bobs.getJsonNumber("agentId").longValue(),
                    bobs.getBoolean("mayRead")), "Bob, a plain agent, no longer reads a chat offered to Ada");
        }
    }

    private static JsonObject left(TopicSubscriber events, long conversation) throws Exception {
        var id = "\"conversationId\":" + conversation + ",";
        return json(events.await(body -> body.contains("\"type\":\"conversation.left\"") && body.contains(id),
                Duration.ofSeconds(15)).orElseThrow(() -> new AssertionError("no conversation.left for "
                + conversation + "; got " + events.seen())));
    }

    /** A fresh inbox with Ada and Bob as members, Carol (an agent of no inbox) and Sue (a supervisor). */
    @Test
    public void theVisitorHearsOfAParticipantLeavingOnlyIfTheyWroteAndEveryoneOfADeletion() throws Exception {
        var crew = data.crew(null);
        var visitor = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(crew.inbox(), visitor, "Two of you?").conversationId();
        participants.handOn(conversation, firstAdmin(), crew.ada());
        var id = "\"conversationId\":" + conversation + ",";
        try (var events = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS)) {
            participants.invite(conversation, crew.ada(), crew.bob());
            participants.leave(conversation, crew.bob());
            participants.invite(conversation, crew.ada(), crew.carol());
            agentMessages.reply(conversation, crew.carol(), "Carol here", null);
            participants.remove(conversation, crew.ada(), crew.carol());
            var left = json(events.await(body -> body.contains("\"notice\":\"participant.left\"") && body.contains(id),
                    Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError("no participant.left; got "
                    + events.seen())));
            assertEquals("Carol", left.getString("agentName"), "the name Carol wrote under");
            // Bob left first, without a word: had he been announced, that notice would have come before.
            assertEquals(1L, events.seen().stream().filter(body -> body.contains("participant.left")).count(),
                    () -> "a silent participant was announced: " + events.seen());

            lifecycle.delete(firstAdmin(), List.of(conversation));
            var notice = json(events.await(body -> body.contains("\"notice\":\"conversation.deleted\"")
                    && body.contains(id), Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError(
                    "no notice to the visitor; got " + events.seen())));
            var signal = json(events.await(body -> body.contains("\"type\":\"conversation.deleted\"")
                    && body.contains(id), Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError(
                    "no conversation.deleted for the consoles; got " + events.seen())));
            assertAll(() -> assertEquals(crew.inboxId(), notice.getJsonNumber("inboxId").longValue()),
                    () -> assertEquals(crew.ada(), signal.getJsonNumber("assigneeId").longValue(),
                            "read as it stood before the rows went"),
                    () -> assertEquals(crew.inboxId(), signal.getJsonNumber("inboxId").longValue()));
        }
    }

    /** A fresh inbox with Ada and Bob as members, Carol (an agent of no inbox) and Sue (a supervisor). */
    @Test
    public void aColleagueAskedOutOrLeavingIsToldSoTheirConsoleDropsTheTab() throws Exception {
        var team = data.team();
        long conversation = visitorMessages.post(team.inbox(), AnonymousVisitors.create(visitors), "Two heads")
                .conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        var id = "\"conversationId\":" + conversation + ",";
        try (var events = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS)) {
            participants.invite(conversation, team.ada(), team.bob());
            participants.remove(conversation, team.ada(), team.bob());
            var askedOut = json(events.await(body -> body.contains("\"type\":\"conversation.left\"")
                    && body.contains(id), Duration.ofSeconds(15)).orElseThrow(() -> new AssertionError(
                    "no conversation.left; got " + events.seen())));
            assertEquals(List.of(team.bob(), true, false), List.of(askedOut.getJsonNumber("agentId").longValue(),
                    askedOut.getBoolean("askedOut"), askedOut.getBoolean("mayRead")),
                    "to Bob alone (the signal's agentId), asked out, and Ada holds it: no longer his to read");

            participants.invite(conversation, team.ada(), team.bob());
            participants.leave(conversation, team.bob());
            var left = json(events.await(body -> body.contains("\"type\":\"conversation.left\"")
                    && body.contains(id), Duration.ofSeconds(15)).orElseThrow(() -> new AssertionError(
                    "no conversation.left of the leaving; got " + events.seen())));
            assertFalse(left.getBoolean("askedOut"), "he left by himself");
        }
    }
}
