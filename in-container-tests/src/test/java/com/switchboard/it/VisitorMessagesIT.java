package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.dataSource;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.longs;
import static com.switchboard.it.Database.lookup;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.TestData.INBOX;
import static com.switchboard.it.Waits.runAtOnce;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.control.PostedMessage;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.Destinations;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The visitor's messages: one conversation and gap-free numbers under concurrent posts, no waiting on other visitors,
 * refusals that store nothing, events only after the commit.
 */
@ExtendWith(ArquillianExtension.class)
class VisitorMessagesIT {

    private static final Logger LOG = Logger.getLogger(VisitorMessagesIT.class.getName());

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationParticipants participants;

    @Inject
    TestData data;

    @Test
    public void concurrentMessagesOfOneVisitorGetOneConversationAndGapFreeSequenceNumbers() throws Exception {
        int messages = 20;
        var visitor = AnonymousVisitors.create(visitors);
        var posted = postConcurrently(visitor, INBOX, messages);

        var conversationIds = posted.stream().map(PostedMessage::conversationId).collect(Collectors.toSet());
        assertEquals(1, conversationIds.size(), "one conversation for all posts: " + conversationIds);
        var expected = LongStream.rangeClosed(1, messages).boxed().toList();
        assertEquals(expected, posted.stream().map(PostedMessage::seq).sorted().toList(), "returned seqs");

        long conversationId = conversationIds.iterator().next();
        assertEquals(1L, count("SELECT COUNT(*) FROM conversation c JOIN visitor v ON v.id = c.visitor_id "
                + "WHERE v.token = ?", visitor), "exactly one conversation stored for the visitor");
        assertEquals(expected, longs("SELECT seq FROM message WHERE conversation_id = ? ORDER BY seq",
                conversationId), "stored seqs are exactly 1.." + messages);
        assertEquals((long) messages, count("SELECT last_seq FROM conversation WHERE id = ?", conversationId));
        assertEquals((long) messages, count("SELECT COUNT(DISTINCT body) FROM message WHERE conversation_id = ?",
                conversationId), "every message stored once");
    }

    /**
     * Follow-ups take a shorter way to the visitor's conversation than first messages (one read for the
     * conversation and the visitor, then the conversation's lock); after an archive they take the first message's
     * way again.
     */
    @Test
    public void concurrentFollowUpsStayInTheConversationAndAfterAnArchiveStartExactlyOneNew() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
        long first = visitorMessages.post(team.inbox(), visitor, "Hello").conversationId();

        var followUps = postConcurrently(visitor, team.inbox(), 12);
        assertEquals(Set.of(first), followUps.stream().map(PostedMessage::conversationId).collect(Collectors.toSet()));
        assertEquals(LongStream.rangeClosed(2, 13).boxed().toList(),
                followUps.stream().map(PostedMessage::seq).sorted().toList(), "follow-ups' seqs, gap-free");

        participants.handOn(first, firstAdmin(), team.ada());
        lifecycle.archive(first, team.ada());
        var afterArchive = postConcurrently(visitor, team.inbox(), 12);
        var started = afterArchive.stream().map(PostedMessage::conversationId).collect(Collectors.toSet());
        assertEquals(1, started.size(), "one new conversation for all posts after the archive: " + started);
        assertNotEquals(first, started.iterator().next());
        assertEquals(LongStream.rangeClosed(1, 12).boxed().toList(),
                afterArchive.stream().map(PostedMessage::seq).sorted().toList(), "the new conversation's seqs");
        assertEquals(13L, count("SELECT last_seq FROM conversation WHERE id = ?", first), "the archived one kept");
    }

    /**
     * A visitor's message locks their own conversation and nothing of other visitors': while another visitor's
     * conversation of the inbox is locked, eight visitors' first messages and follow-ups into that inbox at once all
     * go through. A locking read that walked the inbox's conversations (the plan MariaDB chose while the table was
     * young) waited for that lock, and first messages at once deadlocked on each other's new conversations.
     */
    @Test
    public void visitorsMessagesNeverWaitForOtherVisitorsConversations() throws Exception {
        for (int round = 1; round <= 3; round++) {
            var inbox = data.team().inbox();
            long held = visitorMessages.post(inbox, AnonymousVisitors.create(visitors), "mine").conversationId();
            var tokens = LongStream.range(0, 8).mapToObj(i -> AnonymousVisitors.create(visitors)).toList();
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            try (var holder = dataSource().getConnection()) {
                holder.setAutoCommit(false);
                try (var lock = holder.prepareStatement("SELECT id FROM conversation WHERE id = ? FOR UPDATE")) {
                    lock.setLong(1, held);
                    lock.executeQuery().close();
                    runAtOnce(tokens.stream().<Runnable>map(token -> () -> {
                        try {
                            visitorMessages.post(inbox, token, "first");
                            visitorMessages.post(inbox, token, "follow-up");
                        } catch (RuntimeException e) {
                            failures.add(e.toString());
                        }
                    }).toList());
                } finally {
                    holder.rollback();
                    holder.setAutoCommit(true);
                }
            }
            int finished = round;
            assertTrue(failures.isEmpty(), () -> "round " + finished + ": " + failures);
            assertEquals(16L, count("SELECT COUNT(*) FROM message m JOIN conversation c ON c.id = m.conversation_id "
                    + "JOIN inbox i ON i.id = c.inbox_id WHERE i.name = ? AND c.id <> ? AND m.author_type = 'VISITOR'",
                    inbox, held), "two messages of each visitor, in a conversation of their own");
        }
    }

    @Test
    public void rejectedMessagesStoreNothingAndTwoThousandCodePointsWithEmojiAreAccepted() throws Exception {
        var visitor = AnonymousVisitors.create(visitors);

        var tooLong = assertThrows(RequestRejectedException.class,
                () -> visitorMessages.post(INBOX, visitor, "x".repeat(2001)));
        assertEquals("message.too-long", tooLong.code());
        var tooLongEmoji = assertThrows(RequestRejectedException.class,
                () -> visitorMessages.post(INBOX, visitor, "\uD83D\uDE00".repeat(2001)));
        assertEquals("message.too-long", tooLongEmoji.code());
        for (var blank : List.of("", "   ", " \t\n ")) {
            var empty = assertThrows(RequestRejectedException.class,
                    () -> visitorMessages.post(INBOX, visitor, blank));
            assertEquals("message.empty", empty.code(), "for '" + blank + "'");
        }
        assertEquals(0L, count("SELECT COUNT(*) FROM conversation c JOIN visitor v ON v.id = c.visitor_id "
                + "WHERE v.token = ?", visitor), "no conversation for a visitor whose messages were all rejected");
        assertEquals(0L, count("SELECT COUNT(*) FROM message m JOIN conversation c ON c.id = m.conversation_id "
                + "JOIN visitor v ON v.id = c.visitor_id WHERE v.token = ?", visitor), "no message row");

        // 2000 characters as people count them, 3000 UTF-16 units: 1000 emoji (surrogate pairs) and 1000 letters.
        var text = "\uD83D\uDE00\uD83C\uDF89".repeat(500) + "\u00E9".repeat(1000);
        assertEquals(2000, text.codePointCount(0, text.length()));
        assertEquals(3000, text.length());
        var posted = visitorMessages.post(INBOX, visitor, text);
        assertEquals(1L, posted.seq());
        assertEquals(List.of(List.of(text)), rows("SELECT body FROM message WHERE conversation_id = ?",
                posted.conversationId()), "stored exactly as sent (utf8mb4 round trip)");
    }

    @Test
    public void eventsLeaveOnlyWhenTheTransactionCommits() throws Exception {
        var visitor = AnonymousVisitors.create(visitors);
        UserTransaction transaction = lookup("java:comp/UserTransaction");
        try (var events = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS)) {
            var rolledBack = "rolled back " + UUID.randomUUID();
            transaction.begin();
            try {
                visitorMessages.post(INBOX, visitor, rolledBack);
            } finally {
                transaction.rollback();
            }
            var leaked = events.await(body -> body.contains(rolledBack), Duration.ofSeconds(3));
            assertTrue(leaked.isEmpty(), () -> "an event of a rolled-back post was published: " + leaked.get());
            assertEquals(0L, count("SELECT COUNT(*) FROM message WHERE body = ?", rolledBack), "no row rolled back");
            assertEquals(0L, count("SELECT COUNT(*) FROM conversation c JOIN visitor v ON v.id = c.visitor_id "
                    + "WHERE v.token = ?", visitor), "the conversation it started was rolled back too");

            var committed = "committed " + UUID.randomUUID();
            PostedMessage posted;
            long committedAt;
            transaction.begin();
            try {
                posted = visitorMessages.post(INBOX, visitor, committed);
                var early = events.await(body -> body.contains(committed), Duration.ofSeconds(2));
                assertTrue(early.isEmpty(), () -> "the event left before the commit: " + early.get());
                transaction.commit();
                committedAt = System.nanoTime();
            } finally {
                if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    transaction.rollback();
                }
            }
            Optional<String> arrived = events.await(body -> body.contains(committed), Duration.ofSeconds(15));
            assertTrue(arrived.isPresent(), () -> "the committed post's event arrives; got " + events.seen());
            LOG.info(() -> "Event of the committed post arrived " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                    - committedAt) + " ms after the commit");
            JsonObject event;
            try (var reader = Json.createReader(new StringReader(arrived.get()))) {
                event = reader.readObject();
            }
            long inboxId = count("SELECT id FROM inbox WHERE name = ?", INBOX);
            assertAll(
                    () -> assertEquals("message.created", event.getString("type")),
                    () -> assertEquals(committed, event.getString("text")),
                    () -> assertEquals("VISITOR", event.getString("author")),
                    () -> assertEquals(posted.conversationId(), event.getJsonNumber("conversationId").longValue()),
                    () -> assertEquals(posted.seq(), event.getJsonNumber("seq").longValue()),
                    () -> assertEquals(1L, posted.seq(), "the rolled-back post used no sequence number"),
                    () -> assertEquals(inboxId, event.getJsonNumber("inboxId").longValue()));
            assertEquals(1L, count("SELECT COUNT(*) FROM message WHERE body = ?", committed));
        }
    }

    /** {@code messages} posts of the visitor at once, each on its own thread and transaction; all must succeed. */
    private List<PostedMessage> postConcurrently(String visitor, String inbox, int messages) throws Exception {
        ManagedThreadFactory threads = lookup("java:comp/DefaultManagedThreadFactory");
        var start = new CountDownLatch(1);
        Queue<PostedMessage> posted = new ConcurrentLinkedQueue<>();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        var workers = new ArrayList<Thread>();
        for (int i = 1; i <= messages; i++) {
            var text = "concurrent message " + i;
            var worker = threads.newThread(() -> {
                try {
                    start.await();
                    posted.add(visitorMessages.post(inbox, visitor, text));
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (var worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(!worker.isAlive(), "a posting thread is still running after 60 s");
        }
        assertTrue(failures.isEmpty(), () -> "every concurrent post succeeds: " + failures.stream()
                .map(Throwable::toString).collect(Collectors.joining("; ")));
        assertEquals(messages, posted.size());
        return List.copyOf(posted);
    }
}
