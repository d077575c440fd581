package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.longs;
import static com.switchboard.it.Waits.runAtOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.VisitorFollowUps;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.control.PostedMessage;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.AgentBlocks;
import com.switchboard.visitor.boundary.VisitorBlocks;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The visitors' follow-ups written many to a transaction (group commit): under concurrent sends of many visitors,
 * every message is stored once with gap-free numbers, a resend is answered as the original, and what a batch
 * cannot take (a first message, an archived conversation, a blocked visitor, a holder who blocked the visitor) is
 * posted alone with the same outcome as ever.
 */
@ExtendWith(ArquillianExtension.class)
class VisitorFollowUpsIT {

    @EJB
    VisitorFollowUps followUps;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    VisitorService visitors;

    @EJB
    VisitorBlocks blocks;

    @EJB
    AgentBlocks agentBlocks;

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    ConversationParticipants participants;

    @Inject
    TestData data;

    @Test
    public void concurrentFollowUpsOfManyVisitorsAreEachStoredOnceWithGapFreeNumbers() throws Exception {
        var team = data.team();
        int visitorCount = 12;
        int perVisitor = 8;
        var conversationOf = new ConcurrentHashMap<String, Long>();
        for (int v = 0; v < visitorCount; v++) {
            var token = AnonymousVisitors.create(visitors);
            conversationOf.put(token, visitorMessages.post(team.inbox(), token, "Hello").conversationId());
        }
        Queue<PostedMessage> posted = new ConcurrentLinkedQueue<>();
        Map<String, Queue<PostedMessage>> resent = new ConcurrentHashMap<>();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        var tasks = new ArrayList<Runnable>();
        conversationOf.keySet().forEach(token -> {
            resent.put(token, new ConcurrentLinkedQueue<>());
            for (int m = 1; m <= perVisitor; m++) {
                var clientId = "m-" + m;
                var answers = m == 1 ? resent.get(token) : posted;
                // The first message twice, as a widget resends what it had no answer for after a reconnect.
                for (int copy = 0; copy < (m == 1 ? 2 : 1); copy++) {
                    tasks.add(() -> {
                        try {
                            answers.add(followUps.post(team.inbox(), token, "follow-up " + clientId, clientId));
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    });
                }
            }
        });
        runAtOnce(tasks);

        assertTrue(failures.isEmpty(), () -> "every follow-up is stored: " + failures);
        for (var entry : conversationOf.entrySet()) {
            long conversationId = entry.getValue();
            assertEquals(LongStream.rangeClosed(1, perVisitor + 1).boxed().toList(),
                    longs("SELECT seq FROM message WHERE conversation_id = ? ORDER BY seq", conversationId),
                    "the visitor's messages, each once, numbered without gaps");
            assertEquals((long) perVisitor + 1, count("SELECT last_seq FROM conversation WHERE id = ?",
                    conversationId));
            var answers = List.copyOf(resent.get(entry.getKey()));
            assertEquals(2, answers.size());
            assertEquals(answers.get(0).seq(), answers.get(1).seq(), "the resend is answered as the original");
            assertEquals(1, answers.stream().filter(PostedMessage::duplicate).count(),
                    "exactly one of the two sends is the duplicate: " + answers);
        }
        assertEquals(conversationOf.values().stream().collect(Collectors.toSet()),
                posted.stream().map(PostedMessage::conversationId).collect(Collectors.toSet()),
                "every follow-up went into its visitor's conversation");
    }

    @Test
    public void whatABatchCannotTakeIsPostedAloneWithTheUsualOutcome() throws Exception {
        var team = data.team();

        var newcomer = AnonymousVisitors.create(visitors);
        var first = followUps.post(team.inbox(), newcomer, "My first message", "first");
        assertEquals(1L, first.seq(), "a first message starts a conversation");
        assertEquals(2L, followUps.post(team.inbox(), newcomer, "And more", "second").seq());

        var archivedVisitor = AnonymousVisitors.create(visitors);
        long archived = visitorMessages.post(team.inbox(), archivedVisitor, "Hello").conversationId();
        participants.handOn(archived, firstAdmin(), team.ada());
        lifecycle.archive(archived, team.ada());
        var afterArchive = followUps.post(team.inbox(), archivedVisitor, "Hello again", "again");
        assertNotEquals(archived, afterArchive.conversationId(), "after an archive a new conversation starts");
        assertEquals(1L, afterArchive.seq());

        var blocked = AnonymousVisitors.create(visitors);
        long blockedConversation = visitorMessages.post(team.inbox(), blocked, "Hello").conversationId();
        blocks.blockVisitor(firstAdmin(), visitors.requireByToken(blocked).getId(), "abuse", Duration.ofHours(1));
        assertEquals("visitor.blocked", assertThrows(RequestRejectedException.class,
                () -> followUps.post(team.inbox(), blocked, "let me in", "blocked")).code());
        assertEquals(1L, count("SELECT COUNT(*) FROM message WHERE conversation_id = ?", blockedConversation));

        assertEquals("message.empty", assertThrows(RequestRejectedException.class,
                () -> followUps.post(team.inbox(), newcomer, "  ", "blank")).code(), "checked before it waits");
    }

    @Test
    public void aHolderWhoBlockedTheVisitorLosesTheConversationToTheQueue() throws Exception {
        var team = data.team();
        var token = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(team.inbox(), token, "Hello").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        agentBlocks.blockVisitor(team.ada(), visitors.requireByToken(token).getId());

        followUps.post(team.inbox(), token, "Are you there?", "after-block");

        assertEquals(List.of(0L), longs("SELECT COUNT(*) FROM conversation WHERE id = ? AND assignee_id IS NOT NULL",
                conversation), "the holder who blocked the visitor holds it no more");
    }
}
