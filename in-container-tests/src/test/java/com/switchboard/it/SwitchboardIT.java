package com.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.switchboard.agent.boundary.AgentAdministration;
import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.agent.boundary.AgentConnections;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.agent.entity.Role;
import com.switchboard.attachment.boundary.AttachmentDownload;
import com.switchboard.attachment.boundary.IncomingFile;
import com.switchboard.canned.boundary.CannedResponseService;
import com.switchboard.canned.entity.CannedText;
import com.switchboard.cluster.control.ClusterHeartbeat;
import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.AgentWorkspace;
import com.switchboard.conversation.boundary.ConversationDirectory;
import com.switchboard.conversation.boundary.ConversationFiles;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationPage;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.conversation.boundary.ConversationSummary;
import com.switchboard.conversation.boundary.CustomerTagFilter;
import com.switchboard.conversation.boundary.LiveSignals;
import com.switchboard.conversation.boundary.MessageDelivery;
import com.switchboard.conversation.boundary.OverdueConversation;
import com.switchboard.conversation.boundary.OverdueReplies;
import com.switchboard.conversation.boundary.Participant;
import com.switchboard.conversation.boundary.TranscriptEntry;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.UnpinCustomer;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.control.ChatLog;
import com.switchboard.conversation.control.PostedMessage;
import com.switchboard.conversation.entity.Channel;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.conversation.entity.EndedBy;
import com.switchboard.conversation.entity.Recipient;
import com.switchboard.customer.boundary.CardTag;
import com.switchboard.customer.boundary.CustomerCards;
import com.switchboard.customer.boundary.CustomerTagCatalogue;
import com.switchboard.customer.boundary.CustomerTags;
import com.switchboard.customer.entity.NewCustomerTag;
import com.switchboard.documents.Csv;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.MembershipAdministration;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.AttachmentType;
import com.switchboard.inbox.entity.InactivityAction;
import com.switchboard.mail.boundary.MailOutbox;
import com.switchboard.mail.control.MailRetention;
import com.switchboard.inbox.entity.InactivityPolicy;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.inbox.entity.RatingScale;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.Destinations;
import com.switchboard.rating.boundary.RatingService;
import com.switchboard.realtime.InboxMembers;
import com.switchboard.report.boundary.Reports;
import com.switchboard.routing.boundary.InvitationService;
import com.switchboard.routing.boundary.LiveQueues;
import com.switchboard.routing.boundary.RoutingService;
import com.switchboard.routing.control.Router;
import com.switchboard.transcript.boundary.ConversationExports;
import com.switchboard.transcript.boundary.ExportKind;
import com.switchboard.transcript.boundary.StaffTranscript;
import com.switchboard.transcript.boundary.StaffTranscripts;
import com.switchboard.transcript.control.ExportRows;
import com.switchboard.visitor.boundary.AgentBlocks;
import com.switchboard.visitor.boundary.VisitorBlocks;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.control.BlocksInForce;
import com.switchboard.visitor.control.IdentitySignature;
import com.switchboard.visitor.entity.VerifiedIdentity;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application as it is built (the real WAR with its EJB jar) on a real Payara Micro with the real Artemis
 * resource adapter, MariaDB and an Artemis broker. One deployment for the whole suite: every test runs in the
 * container, in the same application, and makes its own data (its own visitor), so their order does not matter.
 * Database checks use plain JDBC on the application's own data source, never the JPA code they check.
 */
@ExtendWith(ArquillianExtension.class)
public class SwitchboardIT {

    private static final Logger LOG = Logger.getLogger(SwitchboardIT.class.getName());
    private static final String INBOX = "support";
    private static final String DATA_SOURCE = "java:app/jdbc/switchboard";

    @Deployment
    public static WebArchive deployment() {
        var war = new File(System.getProperty("it.deployments", "target/deployments"), "switchboard.war");
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: build web first");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addClasses(SwitchboardIT.class, InboundQueues.class, TopicSubscriber.class, QueueClient.class, Samples.class,
                        Multipart.class, Multipart.Part.class);
    }

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
    AgentService agents;

    @EJB
    CannedResponseService canned;

    @EJB
    AgentWorkspace workspace;

    @EJB
    VisitorService visitors;

    @EJB
    LiveSignals signals;

    @EJB
    ClusterHeartbeat heartbeat;

    @EJB
    AgentAuthentication authentication;

    @EJB
    ConversationFiles attachments;

    /** The application's own URL, for the tests that go through HTTP. */
    @ArquillianResource
    URL deployment;

    @EJB
    ConversationDirectory directory;

    @EJB
    ConversationParticipants participants;

    @EJB
    MessageDelivery delivery;

    @EJB
    VisitorBlocks blocks;

    @EJB
    AgentBlocks agentBlocks;

    @EJB
    RoutingService routing;

    @EJB
    InvitationService invitations;

    @EJB
    AgentConnections connections;

    @EJB
    Router router;

    @EJB
    LiveQueues liveQueues;

    @EJB
    Reports reports;

    @EJB
    OverdueReplies overdueReplies;

    @EJB
    AgentAdministration administration;

    @EJB
    MembershipAdministration memberships;

    @EJB
    CustomerCards customerCards;

    @EJB
    CustomerTags customerTags;

    @EJB
    UnpinCustomer unpinCustomer;

    @EJB
    CustomerTagCatalogue tagCatalogue;

    @Inject
    InboxMembers inboxMembers;

    @Inject
    BlocksInForce blocksInForce;

    // Admin console boundaries ---------------------------------------------------------------------------------

    @Test
    void theLiveQueuesAndTheReportCountAnInboxsConversations() throws Exception {
        var crew = crew(null);
        long handled = visitorWrites(crew, "Hello, my order is late");
        long abandoned = visitorWrites(crew, "Is anybody there?");

        var queue = liveQueues.inboxes().stream().filter(q -> q.inboxId() == crew.inboxId()).findFirst()
                .orElseThrow();
        assertEquals(2, queue.waiting(), "nobody of the crew is online: both wait");
        assertNotNull(queue.oldestWaitingSince());
        assertEquals(List.of(handled, abandoned), liveQueues.waiting(10, crew.inboxId()).stream()
                .map(LiveQueues.WaitingConversation::conversationId).toList(), "longest waiting first");

        routing.assign(crew.sue(), handled, crew.ada(), true);
        agentMessages.reply(handled, crew.ada(), "Let me look.", null);
        lifecycle.close(handled, crew.ada());
        lifecycle.close(abandoned, crew.sue());
        assertEquals(0, liveQueues.inboxes().stream().filter(q -> q.inboxId() == crew.inboxId()).findFirst()
                .orElseThrow().waiting());

        var zone = ZoneId.systemDefault();
        var today = LocalDate.now(zone);
        var report = reports.conversations(today.minusDays(1), today.plusDays(1), zone, crew.inboxId(), null);
        assertEquals(3, report.days().size());
        assertEquals(2, report.total().conversations());
        assertEquals(1, report.total().abandoned(), "closed before anyone had it");
        assertNotNull(report.total().firstResponse());
        assertNotNull(report.total().waiting(), "until Sue assigned it");
        assertNotNull(report.total().handling(), "from the assignment to the close");
        assertEquals(1, reports.conversations(today.minusDays(1), today.plusDays(1), zone, null, crew.ada()).total()
                .conversations(), "Ada's report: the one she held");
        assertEquals("report.range", assertThrows(RequestRejectedException.class,
                () -> reports.conversations(today, today.minusDays(1), zone, null, null)).code());
        assertEquals(2, reports.traffic(crew.inboxId(), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(60))
                .conversations());
    }

    @Test
    void supervisorsManageAgentsButNeverAdmins() throws Exception {
        var crew = crew(null);
        var admin = new NewAgent("root." + UUID.randomUUID() + "@example.com", "Root", "Root password!",
                Set.of(Role.ADMIN));
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> administration.create(crew.sue(), admin)).code());
        // The first admin stands for any admin account: a supervisor may not touch it.
        long firstAdmin = firstAdmin();
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> administration.resetPassword(crew.sue(), firstAdmin, "a new long secret")).code());
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> administration.deactivate(crew.sue(), firstAdmin)).code());
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> administration.changeRoles(crew.sue(), crew.carol(), Set.of(Role.ADMIN))).code());
        // Nor an admin's place in an inbox.
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> memberships.addMember(crew.sue(), crew.inboxId(), firstAdmin, 2)).code());
        memberships.addMember(firstAdmin, crew.inboxId(), firstAdmin, 2);
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> memberships.changeCapacity(crew.sue(), crew.inboxId(), firstAdmin, 9)).code());
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> memberships.removeMember(crew.sue(), crew.inboxId(), firstAdmin)).code());
        assertEquals(4, memberships.changeCapacity(crew.sue(), crew.inboxId(), crew.ada(), 4).capacity());
        memberships.removeMember(firstAdmin, crew.inboxId(), firstAdmin);

        var joined = memberships.createMember(crew.sue(), new NewAgent("dan." + UUID.randomUUID() + "@example.com",
                "Dan", "Dan password!", Set.of(Role.AGENT)), crew.inboxId(), 3);
        assertEquals(3, inboxes.membershipsOf(joined.id()).get(0).capacity());
        administration.deactivate(crew.sue(), joined.id());
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> administration.create(crew.carol(), new NewAgent("eve." + UUID.randomUUID() + "@example.com",
                        "Eve", "Eve password!", Set.of(Role.AGENT)))).code(), "agents manage nobody");
    }

    @Test
    void theOrganisationsCannedResponsesAreSearchedByTitleShortcutOrText() throws Exception {
        var marker = "zq" + UUID.randomUUID().toString().substring(0, 8);
        canned.createForOrganisation(firstAdmin(), new CannedText("Refunds " + marker, marker + "-refund",
                "Refunds take 5 days (100% guaranteed)."));
        assertEquals(1, canned.organisationWide(marker.toUpperCase()).size());
        assertEquals(marker + "-refund", canned.organisationWide(marker + "-ref").get(0).shortcut());
        assertTrue(canned.organisationWide("100% guaranteed").stream()
                .anyMatch(c -> c.shortcut().equals(marker + "-refund")));
        assertTrue(canned.organisationWide(marker + "_").isEmpty(), "an underscore is no wildcard");
    }

    // a. ------------------------------------------------------------------------------------------------------

    @Test
    public void flywayMigratedMariaDbAndFirstStartCreatedAdminAndInbox() throws Exception {
        try (var connection = dataSource().getConnection()) {
            var product = connection.getMetaData().getDatabaseProductVersion();
            assertTrue(product.contains("MariaDB"), "the application runs on MariaDB, not on " + product);
            assertTrue(connection.getCatalog().startsWith("switchboard_container"),
                    "the suite's own database (it.db.name), not " + connection.getCatalog());
        }

        var migrations = rows("SELECT version, type, success FROM flyway_schema_history "
                + "WHERE version IS NOT NULL ORDER BY installed_rank");
        assertTrue(migrations.contains(List.of("1", "SQL", "true")), "version 1 applied successfully: " + migrations);
        assertEquals(0L, count("SELECT COUNT(*) FROM flyway_schema_history WHERE success = FALSE"),
                "no failed migration: " + migrations);

        var adminEmail = "admin@switchboard.local";
        var admins = rows("SELECT roles, active FROM agent WHERE email = ?", adminEmail);
        assertEquals(1, admins.size(), "the first admin exists: " + admins);
        var admin = admins.get(0);
        assertAll(
                () -> assertTrue(List.of(admin.get(0).split(",")).contains("ADMIN"), "roles " + admin.get(0)),
                () -> assertEquals("true", admin.get(1), "active"));
        assertEquals(1L, count("SELECT COUNT(*) FROM inbox i JOIN inbox_membership m ON m.inbox_id = i.id "
                + "JOIN agent a ON a.id = m.agent_id WHERE i.name = ? AND a.email = ?", INBOX, adminEmail),
                "inbox 'support' exists with the admin as a member");

        // The password came from SWITCHBOARD_ADMIN_PASSWORD, an environment variable of the Micro JVM.
        var signedIn = authentication.signIn(adminEmail, System.getenv("SWITCHBOARD_ADMIN_PASSWORD"), null);
        assertTrue(signedIn.roles().contains(Role.ADMIN), "the first admin can sign in as admin: " + signedIn);
    }

    // b. ------------------------------------------------------------------------------------------------------

    @Test
    public void concurrentMessagesOfOneVisitorGetOneConversationAndGapFreeSequenceNumbers() throws Exception {
        int messages = 20;
        var visitor = visitors.registerAnonymous();
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
        var team = team();
        var visitor = visitors.registerAnonymous();
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

    /**
     * A visitor's message locks their own conversation and nothing of other visitors': while another visitor's
     * conversation of the inbox is locked, eight visitors' first messages and follow-ups into that inbox at once all
     * go through. A locking read that walked the inbox's conversations (the plan MariaDB chose while the table was
     * young) waited for that lock, and first messages at once deadlocked on each other's new conversations.
     */
    @Test
    public void visitorsMessagesNeverWaitForOtherVisitorsConversations() throws Exception {
        for (int round = 1; round <= 3; round++) {
            var inbox = team().inbox();
            long held = visitorMessages.post(inbox, visitors.registerAnonymous(), "mine").conversationId();
            var tokens = LongStream.range(0, 8).mapToObj(i -> visitors.registerAnonymous()).toList();
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

    // c. ------------------------------------------------------------------------------------------------------

    @Test
    public void rejectedMessagesStoreNothingAndTwoThousandCodePointsWithEmojiAreAccepted() throws Exception {
        var visitor = visitors.registerAnonymous();

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

    // d. ------------------------------------------------------------------------------------------------------

    @Test
    public void eventsLeaveOnlyWhenTheTransactionCommits() throws Exception {
        var visitor = visitors.registerAnonymous();
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

    // e. ------------------------------------------------------------------------------------------------------

    @Test
    public void heartbeatTimerAdvancesLastSeenOfThisNode() throws Exception {
        var node = heartbeat.nodeName();
        assertNotNull(node);
        var first = lastSeen(node).orElseThrow(() -> new AssertionError("no cluster_node row for " + node));
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        Timestamp latest = first;
        while (!latest.after(first) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            latest = lastSeen(node).orElseThrow();
        }
        if (!latest.after(first)) {
            fail("last_seen of " + node + " stayed at " + first + " for 25 s: the @Schedule heartbeat did not fire");
        }
        assertTrue(heartbeat.liveNodes().stream().anyMatch(n -> n.getName().equals(node)),
                "this node counts as live");
    }

    // ---------------------------------------------------------------------------------------------------------

    // f. Inbox management -----------------------------------------------------------------------------------

    @Test
    public void inboxSettingsSurviveTheRoundTripThroughTheDatabaseAndChangesNeedTheCurrentVersion() throws Exception {
        var name = "Sales " + UUID.randomUUID();
        var settings = new InboxSettings(name, AssignmentMode.MANUAL, Duration.ofSeconds(45),
                new InactivityPolicy(10, InactivityAction.SEND_MESSAGE_AND_CLOSE, "Closing for now – bye 👋"),
                "We are away", Duration.ofMinutes(5), Set.of(AttachmentType.PDF, AttachmentType.PNG));

        var created = inboxes.create(settings);
        var read = inboxes.find(created.id());
        assertEquals(settings, read.settings());
        assertTrue(read.widgetEnabled());
        assertEquals(22, read.widgetKey().length(), "16 random bytes, URL-safe");

        var renamed = inboxes.update(created.id(), read.version(), settings.withName(name + " (EU)"));
        assertEquals(name + " (EU)", inboxes.find(created.id()).settings().name());
        var stale = assertThrows(RequestRejectedException.class,
                () -> inboxes.update(created.id(), read.version(), settings));
        assertEquals("inbox.changed", stale.code());
        assertEquals(RequestRejectedException.Kind.CONFLICT, stale.kind());
        assertEquals(name + " (EU)", inboxes.find(created.id()).settings().name(), "the stale change stored nothing");

        var taken = assertThrows(RequestRejectedException.class,
                () -> inboxes.update(created.id(), renamed.version(), settings.withName(INBOX)));
        assertEquals("inbox.name.taken", taken.code());
        assertEquals(1L, count("SELECT COUNT(*) FROM inbox WHERE name = ?", INBOX));
        assertEquals("inbox.name.taken", assertThrows(RequestRejectedException.class,
                () -> inboxes.create(InboxSettings.defaults(INBOX))).code());
    }

    @Test
    public void ofTwoConcurrentChangesOfOneInboxOneWinsAndTheOtherIsToldToReload() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Race " + UUID.randomUUID()));
        var names = List.of(inbox.settings().name() + " A", inbox.settings().name() + " B");
        Queue<String> outcomes = new ConcurrentLinkedQueue<>();

        runAtOnce(names.stream().<Runnable>map(name -> () -> {
            try {
                inboxes.update(inbox.id(), inbox.version(), InboxSettings.defaults(name));
                outcomes.add("stored " + name);
            } catch (RequestRejectedException e) {
                outcomes.add(e.code());
            }
        }).toList());

        assertEquals(1, outcomes.stream().filter(o -> o.startsWith("stored")).count(), outcomes::toString);
        assertEquals(1, outcomes.stream().filter("inbox.changed"::equals).count(), outcomes::toString);
        var winner = outcomes.stream().filter(o -> o.startsWith("stored")).findFirst().orElseThrow().substring(7);
        assertEquals(winner, inboxes.find(inbox.id()).settings().name());
    }

    @Test
    public void aDisabledWidgetTakesNoMessagesUntilItIsEnabledAgain() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Pause " + UUID.randomUUID()));
        var visitor = visitors.registerAnonymous();
        inboxes.enableWidget(inbox.id(), false);

        var refused = assertThrows(RequestRejectedException.class,
                () -> visitorMessages.post(inbox.settings().name(), visitor, "hello?"));
        assertEquals("inbox.widget-disabled", refused.code());
        assertEquals(0L, count("SELECT COUNT(*) FROM conversation WHERE inbox_id = ?", inbox.id()));

        inboxes.enableWidget(inbox.id(), true);
        assertEquals(1, visitorMessages.post(inbox.settings().name(), visitor, "hello!").seq());
    }

    @Test
    public void deletingAnInboxEndsItsWidgetForGoodKeepsItsConversationsAndFreesItsName() throws Exception {
        var name = "Closing down " + UUID.randomUUID();
        var inbox = inboxes.create(InboxSettings.defaults(name));
        var posted = visitorMessages.post(name, visitors.registerAnonymous(), "before the end");

        inboxes.delete(inbox.id());

        assertEquals("inbox.unknown", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.post(name, visitors.registerAnonymous(), "after")).code());
        assertEquals("inbox.unknown", assertThrows(RequestRejectedException.class,
                () -> inboxes.enableWidget(inbox.id(), true)).code(), "a deleted inbox's widget stays off");
        var deleted = inboxes.find(inbox.id());
        assertTrue(deleted.deleted());
        assertFalse(deleted.widgetEnabled());
        assertEquals(name, deleted.settings().name(), "the history keeps the name");
        assertEquals(1L, count("SELECT COUNT(*) FROM message WHERE conversation_id = ?", posted.conversationId()),
                "the conversation and its messages stay");
        assertTrue(inboxes.all().stream().noneMatch(view -> view.id() == inbox.id()), "gone from the list");

        var successor = inboxes.create(InboxSettings.defaults(name));
        assertNotEquals(inbox.widgetKey(), successor.widgetKey(), "the old widget key is never handed out again");
    }

    // g. Agents and memberships ------------------------------------------------------------------------------

    @Test
    public void aPasswordResetASignOutAndADeactivationEndEveryTokenOfTheAgent() throws Exception {
        var email = "revoked." + UUID.randomUUID() + "@example.com";
        var agent = agents.create(new NewAgent(email, "Revoked", "the first password", Set.of(Role.AGENT)));
        var first = authentication.signIn(email, "the first password", null).token();
        var second = authentication.signIn(email, "the first password", null).token();
        assertEquals(agent.id(), authentication.verify(first).orElseThrow().getId());

        agents.resetPassword(agent.id(), "the second password");
        assertTrue(authentication.verify(first).isEmpty(), "a new password ends the old tokens");
        assertTrue(authentication.verify(second).isEmpty());
        var third = authentication.signIn(email, "the second password", null).token();
        assertEquals(agent.id(), authentication.verify(third).orElseThrow().getId(), "signed in again at once");

        authentication.signOut(agent.id());
        assertTrue(authentication.verify(third).isEmpty(), "signing out ends them too");
        var fourth = authentication.signIn(email, "the second password", null).token();
        assertTrue(authentication.verify(fourth).isPresent());

        agents.deactivate(agent.id());
        assertTrue(authentication.verify(fourth).isEmpty());
    }

    @Test
    public void repeatedFailedSignInsLockTheAccountAndTheAddressWhateverThePassword() throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var email = "locked." + run + "@example.com";
        agents.create(new NewAgent(email, "Locked", "the right password", Set.of(Role.AGENT)));
        for (int i = 0; i < 5; i++) {
            assertEquals("agent.credentials", assertThrows(RequestRejectedException.class,
                    () -> authentication.signIn(email, "a wrong guess", "198.51.100.1")).code());
        }
        var locked = assertThrows(RequestRejectedException.class,
                () -> authentication.signIn(email, "the right password", "198.51.100.2"));
        assertEquals("agent.sign-in-locked", locked.code(), "the account is locked from any address");
        assertEquals(RequestRejectedException.Kind.TOO_MANY, locked.kind());
        assertTrue(locked.retryAfter().toSeconds() >= 1 && locked.retryAfter().toSeconds() <= 30,
                locked.retryAfter().toString());
        assertEquals("agent.sign-in-locked", assertThrows(RequestRejectedException.class,
                () -> authentication.check(email.toUpperCase(java.util.Locale.ROOT), "the right password", null))
                .code(), "the console's form is locked alike");

        // Unknown e-mails are counted alike, so guessing them gains nothing either.
        var nobody = "nobody." + run + "@example.com";
        for (int i = 0; i < 5; i++) {
            assertEquals("agent.credentials", assertThrows(RequestRejectedException.class,
                    () -> authentication.signIn(nobody, "a guess", null)).code());
        }
        assertEquals("agent.sign-in-locked", assertThrows(RequestRejectedException.class,
                () -> authentication.signIn(nobody, "a guess", null)).code());

        // One address that tries many accounts is locked for all of them, others are not.
        var other = "other." + run + "@example.com";
        agents.create(new NewAgent(other, "Other", "another right password", Set.of(Role.AGENT)));
        for (int i = 0; i < 20; i++) {
            var guessed = "guess" + i + "." + run + "@example.com";
            assertEquals("agent.credentials", assertThrows(RequestRejectedException.class,
                    () -> authentication.signIn(guessed, "a guess", "198.51.100.3")).code());
        }
        assertEquals("agent.sign-in-locked", assertThrows(RequestRejectedException.class,
                () -> authentication.signIn(other, "another right password", "198.51.100.3")).code());
        assertEquals(other, rows("SELECT email FROM agent WHERE id = ?",
                authentication.signIn(other, "another right password", "198.51.100.4").id()).get(0).get(0));
    }

    @Test
    public void agentsAreCreatedWithHashedPasswordsAndDeactivatedInsteadOfDeleted() throws Exception {
        var email = "Agent." + UUID.randomUUID() + "@Example.com";
        var agent = agents.create(new NewAgent(email, "Grace", "a good password", Set.of(Role.AGENT)));

        assertEquals(email.toLowerCase(java.util.Locale.ROOT), agent.email());
        assertEquals(Presence.OFFLINE, agent.presence());
        var hash = rows("SELECT password_hash FROM agent WHERE id = ?", agent.id()).get(0).get(0);
        assertFalse(hash.contains("a good password"), "only a hash is stored");
        assertEquals(agent.id(), authentication.signIn(email, "a good password", null).id());
        assertEquals("agent.email.taken", assertThrows(RequestRejectedException.class,
                () -> agents.create(new NewAgent(email.toUpperCase(java.util.Locale.ROOT), "Twin", "another password",
                        Set.of(Role.AGENT)))).code());

        agents.resetPassword(agent.id(), "a new password");
        assertEquals("agent.credentials", assertThrows(RequestRejectedException.class,
                () -> authentication.signIn(email, "a good password", null)).code());
        assertEquals(agent.id(), authentication.signIn(email, "a new password", null).id());

        agents.deactivate(agent.id());
        assertEquals(1L, count("SELECT COUNT(*) FROM agent WHERE id = ?", agent.id()), "kept for the history");
        assertEquals("agent.credentials", assertThrows(RequestRejectedException.class,
                () -> authentication.signIn(email, "a new password", null)).code());
    }

    @Test
    public void theLastActiveAdminCanNeitherLeaveNorLoseTheRole() throws Exception {
        var admin = agents.create(new NewAgent("admin." + UUID.randomUUID() + "@example.com", "Second admin",
                "admin password", Set.of(Role.ADMIN)));

        // With another admin there, this one may step down.
        assertEquals(Set.of(Role.SUPERVISOR), agents.changeRoles(admin.id(), Set.of(Role.SUPERVISOR)).roles());
        // Admins that other tests made step down too, whichever ran before: the first admin is then the only one.
        var firstAdminId = longs("SELECT id FROM agent WHERE email = ?", "admin@switchboard.local").get(0);
        for (long other : longs("SELECT id FROM agent WHERE active = TRUE AND roles LIKE '%ADMIN%' AND id <> ?",
                firstAdminId)) {
            agents.changeRoles(other, Set.of(Role.SUPERVISOR));
        }
        assertEquals(1L, count("SELECT COUNT(*) FROM agent WHERE active = TRUE AND roles LIKE '%ADMIN%'"));
        assertEquals("agent.last-admin", assertThrows(RequestRejectedException.class,
                () -> agents.deactivate(firstAdminId)).code());
        assertEquals("agent.last-admin", assertThrows(RequestRejectedException.class,
                () -> agents.changeRoles(firstAdminId, Set.of(Role.AGENT))).code());
        assertTrue(agents.find(firstAdminId).active());
        assertTrue(agents.find(firstAdminId).roles().contains(Role.ADMIN));
    }

    @Test
    public void theFanOutKnowsAMembershipChangeOnceItCommits() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Fan-out " + UUID.randomUUID()));
        var ada = plainAgent("Ada");
        var bob = plainAgent("Bob");
        assertEquals(Set.of(), inboxMembers.of(inbox.id()), "read once, then kept");

        inboxes.addMember(inbox.id(), ada.id(), 2);
        inboxes.addMember(inbox.id(), bob.id(), 2);
        await("both members known", () -> inboxMembers.of(inbox.id()).equals(Set.of(ada.id(), bob.id())));
        inboxes.removeMember(inbox.id(), bob.id());
        await("Bob gone", () -> inboxMembers.of(inbox.id()).equals(Set.of(ada.id())));
        agents.deactivate(ada.id());
        await("a deactivated agent is nobody's member", () -> inboxMembers.of(inbox.id()).isEmpty());
    }

    @Test
    public void membersHaveCapacitiesAndAnInboxIsOnlineWhileOneOfThemIs() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Members " + UUID.randomUUID()));
        var ada = plainAgent("Ada");
        var bob = plainAgent("Bob");

        inboxes.addMember(inbox.id(), ada.id(), 3);
        inboxes.addMember(inbox.id(), bob.id(), 100);
        assertEquals("inbox.member.exists", assertThrows(RequestRejectedException.class,
                () -> inboxes.addMember(inbox.id(), ada.id(), 2)).code());
        assertEquals("inbox.member.capacity", assertThrows(RequestRejectedException.class,
                () -> inboxes.changeCapacity(inbox.id(), ada.id(), 101)).code());
        assertEquals(7, inboxes.changeCapacity(inbox.id(), ada.id(), 7).capacity());
        assertEquals(List.of("Ada:7", "Bob:100"), inboxes.members(inbox.id()).stream()
                .map(m -> m.displayName() + ":" + m.capacity()).toList());

        assertFalse(inboxes.isOnline(inbox.id()), "nobody is online yet");
        agents.changePresence(bob.id(), Presence.AWAY);
        assertFalse(inboxes.isOnline(inbox.id()), "away is not online");
        agents.changePresence(ada.id(), Presence.ONLINE);
        assertTrue(inboxes.isOnline(inbox.id()));
        agents.deactivate(ada.id());
        assertFalse(inboxes.isOnline(inbox.id()), "a deactivated agent is offline and no longer counts");
        assertEquals(List.of("Bob"), inboxes.members(inbox.id()).stream().map(m -> m.displayName()).toList());

        inboxes.removeMember(inbox.id(), bob.id());
        assertEquals(List.of(), inboxes.members(inbox.id()));
        assertEquals("agent.max-conversations", assertThrows(RequestRejectedException.class,
                () -> agents.limitConversations(bob.id(), 0)).code());
        assertEquals(12, agents.limitConversations(bob.id(), 12).maxConversations());
    }

    // h. Conversation lifecycle and rights --------------------------------------------------------------------

    @Test
    public void theHolderRepliesClosesAndAVisitorMessageReopensTheConversation() throws Exception {
        var team = team();
        var visitor = visitors.registerAnonymous();
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
        var team = team();
        var visitor = visitors.registerAnonymous();
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
        long ada = member(inbox.id(), "Ada");
        var visitor = visitors.registerAnonymous();
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
            var line = page(ada, ConversationQuery.all().page(0, ConversationQuery.MAX_SIZE)).items().stream()
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
    public void privateNotesNeverReachTheVisitorAndCannotBeQuotedToThem() throws Exception {
        var team = team();
        var visitor = visitors.registerAnonymous();
        long conversation = visitorMessages.post(team.inbox(), visitor, "My order is late").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        var note = agentMessages.note(conversation, team.ada(), "Customer since 2019, be generous");
        agentMessages.reply(conversation, team.ada(), "Sorry! It ships today.", null);

        assertEquals("message.quote", assertThrows(RequestRejectedException.class,
                () -> agentMessages.reply(conversation, team.ada(), "See above", note.seq())).code());
        assertEquals(List.of("VISITOR:My order is late", "AGENT:Sorry! It ships today."),
                transcripts.forVisitor(visitor, conversation).stream()
                        .map(e -> e.author() + ":" + e.text()).toList());
        assertEquals(List.of("VISITOR", "NOTE", "AGENT"), transcripts.forAgent(team.ada(), conversation)
                .stream().map(e -> e.author()).toList());
        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> transcripts.forVisitor(visitors.registerAnonymous(), conversation)).code(),
                "another visitor cannot even tell the conversation exists");
    }

    @Test
    public void onlyTheHolderOrAnAdminHandsItOnAndThePreviousHolderLosesTheHistory() throws Exception {
        var team = team();
        long conversation = visitorMessages.post(team.inbox(), visitors.registerAnonymous(), "Hello")
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
        var team = team();
        var visitor = visitors.registerAnonymous();
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

    // i. Canned responses -------------------------------------------------------------------------------------

    @Test
    public void agentsKeepTheirOwnCannedResponsesAndOnlyAdminsWriteTheOrganisations() throws Exception {
        var team = team();
        var shortcut = "greet" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000);
        var organisation = canned.createForOrganisation(firstAdmin(),
                new CannedText("Greeting", shortcut, "Welcome to Example Inc.!"));
        assertEquals("canned.admins-only", assertThrows(RequestRejectedException.class,
                () -> canned.createForOrganisation(team.ada(), new CannedText("Mine", "mine", "text"))).code());
        assertEquals("canned.admins-only", assertThrows(RequestRejectedException.class,
                () -> canned.delete(organisation.id(), team.ada())).code());

        assertEquals("Welcome to Example Inc.!", canned.byShortcut(team.ada(), "/" + shortcut).orElseThrow().text());
        var own = canned.createPersonal(team.ada(), new CannedText("My greeting", shortcut, "Hi, Ada here!"));
        assertEquals("Hi, Ada here!", canned.byShortcut(team.ada(), shortcut).orElseThrow().text(),
                "an own response hides the organisation's namesake");
        assertEquals("Welcome to Example Inc.!", canned.byShortcut(team.bob(), shortcut).orElseThrow().text(),
                "and only for its owner");
        assertEquals("canned.shortcut.taken", assertThrows(RequestRejectedException.class,
                () -> canned.createPersonal(team.ada(), new CannedText("Twice", shortcut.toUpperCase(), "x"))).code());
        assertEquals("canned.unknown", assertThrows(RequestRejectedException.class,
                () -> canned.delete(own.id(), team.bob())).code(), "someone else's response is invisible");

        var changed = canned.change(own.id(), team.ada(), own.version(), new CannedText("My greeting", shortcut, "Hello!"));
        assertEquals("canned.changed", assertThrows(RequestRejectedException.class,
                () -> canned.change(own.id(), team.ada(), own.version(), new CannedText("Old", shortcut, "Old"))).code());
        assertEquals("Hello!", canned.byShortcut(team.ada(), shortcut).orElseThrow().text());
        canned.delete(changed.id(), team.ada());
        assertEquals("Welcome to Example Inc.!", canned.byShortcut(team.ada(), shortcut).orElseThrow().text());
    }

    @Test
    public void aQuickReplyIsMadeOfAPublicMessageTheAgentCanRead() throws Exception {
        var team = team();
        long conversation = visitorMessages.post(team.inbox(), visitors.registerAnonymous(), "Where is my parcel?")
                .conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        var answer = agentMessages.reply(conversation, team.ada(), "Parcels ship within 2 days.", null);
        var note = agentMessages.note(conversation, team.ada(), "internal only");

        var quick = canned.createFromMessage(team.ada(), conversation, answer.seq(), "Shipping", "shipping");
        assertEquals("Parcels ship within 2 days.", quick.text());
        assertFalse(quick.organisationWide());
        assertEquals("canned.message-unknown", assertThrows(RequestRejectedException.class,
                () -> canned.createFromMessage(team.ada(), conversation, note.seq(), "Leak", "leak")).code());
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> canned.createFromMessage(team.bob(), conversation, answer.seq(), "Steal", "steal")).code());
    }

    // j. Agent workspace: drafts, read marks, unread counts -----------------------------------------------------

    @Test
    public void draftsStayOnTheServerForTheirAgentAndObeyTheMessageRules() throws Exception {
        var team = team();
        long conversation = visitorMessages.post(team.inbox(), visitors.registerAnonymous(), "Hi")
                .conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());

        workspace.saveDraft(team.ada(), conversation, "  Let me check that for y");
        assertEquals(Optional.of("Let me check that for y"), workspace.draft(team.ada(), conversation));
        assertEquals("message.too-long", assertThrows(RequestRejectedException.class,
                () -> workspace.saveDraft(team.ada(), conversation, "d".repeat(2001))).code());
        assertEquals(Optional.of("Let me check that for y"), workspace.draft(team.ada(), conversation),
                "a refused draft leaves the kept one alone");
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> workspace.saveDraft(team.bob(), conversation, "not mine")).code());

        workspace.saveDraft(team.ada(), conversation, " ");
        assertEquals(Optional.empty(), workspace.draft(team.ada(), conversation));
    }

    @Test
    public void unreadCountsFollowWhatEachAgentReadAndMarkUnreadIsTheirsAlone() throws Exception {
        var team = team();
        var visitor = visitors.registerAnonymous();
        long conversation = visitorMessages.post(team.inbox(), visitor, "one").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        visitorMessages.post(team.inbox(), visitor, "two");
        agentMessages.reply(conversation, team.ada(), "my own reply does not count", null);

        assertEquals(Map.of(conversation, 2L), workspace.unread(team.ada()));
        workspace.markRead(team.ada(), conversation, 99);
        assertEquals(0L, workspace.unreadTotal(team.ada()), "read up to the last message, not beyond");
        visitorMessages.post(team.inbox(), visitor, "three");
        assertEquals(1L, workspace.unreadTotal(team.ada()));
        workspace.markRead(team.ada(), conversation, 1);
        assertEquals(1L, workspace.unreadTotal(team.ada()), "reading never goes backwards");

        workspace.markRead(team.ada(), conversation, 4);
        workspace.markUnread(team.ada(), conversation);
        assertEquals(1L, workspace.unreadTotal(team.ada()), "marked unread counts as one");
        participants.handOn(conversation, team.ada(), team.bob());
        assertEquals(0L, workspace.unreadTotal(team.ada()), "what Ada no longer holds is not in her counts");
        assertEquals(Map.of(conversation, 4L), workspace.unread(team.bob()),
                "Bob has read nothing yet: three visitor messages and Ada's reply");
    }

    // k. Tags and deletion ------------------------------------------------------------------------------------

    @Test
    public void conversationsAreTaggedByThoseWhoMayReadThem() throws Exception {
        var team = team();
        long conversation = visitorMessages.post(team.inbox(), visitors.registerAnonymous(), "Refund?")
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
        var team = team();
        var visitor = visitors.registerAnonymous();
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

    // l. Visitors: signed identities, context, tags, blocks; option menus --------------------------------------

    @Test
    public void signedIdentitiesVerifyOnceAndFollowThePersonAcrossDevices() throws Exception {
        var team = team();
        long inboxId = inboxes.findByName(team.inbox()).orElseThrow().getId();
        var secret = inboxes.identitySecret(inboxId);
        var identity = new VerifiedIdentity("customer-" + UUID.randomUUID(), "Ada Lovelace", "Ada@Example.com");
        long now = Instant.now().getEpochSecond();
        var anonymous = visitors.registerAnonymous();
        long started = visitorMessages.post(team.inbox(), anonymous, "before signing in").conversationId();

        var signature = IdentitySignature.sign(secret, identity, now);
        var token = visitors.identify(team.inbox(), identity, now, signature, anonymous);

        assertEquals(anonymous, token, "signing in on the site verifies the visitor in place, chat and all");
        assertEquals(List.of(List.of("Ada Lovelace", "ada@example.com", identity.externalId(), "true")),
                rows("SELECT display_name, email, external_id, identity_verified FROM visitor WHERE token = ?", token));
        assertEquals("visitor.identity.replayed", assertThrows(RequestRejectedException.class,
                () -> visitors.identify(team.inbox(), identity, now, signature, null)).code());

        // The same person on another device gets the same visitor, so the same conversation.
        var otherDevice = visitors.registerAnonymous();
        var again = visitors.identify(team.inbox(), identity, now + 1,
                IdentitySignature.sign(secret, identity, now + 1), otherDevice);
        assertEquals(token, again);
        assertEquals(started, visitorMessages.post(team.inbox(), again, "from my phone").conversationId());

        assertEquals("visitor.verified", assertThrows(RequestRejectedException.class,
                () -> visitors.introduce(token, "Mallory", null)).code());
        assertEquals("visitor.identity.signature", assertThrows(RequestRejectedException.class,
                () -> visitors.identify(team.inbox(), new VerifiedIdentity(identity.externalId(), "Mallory", null),
                        now + 2, IdentitySignature.sign(secret, identity, now + 2), null)).code());
        var rotated = inboxes.rotateIdentitySecret(inboxId);
        assertNotEquals(secret, rotated);
        assertEquals("visitor.identity.signature", assertThrows(RequestRejectedException.class,
                () -> visitors.identify(team.inbox(), identity, now + 3, IdentitySignature.sign(secret, identity,
                        now + 3), null)).code(), "a rotated secret makes the old one worthless at once");
        assertEquals(1L, count("SELECT COUNT(*) FROM visitor WHERE external_id = ?", identity.externalId()));
    }

    @Test
    public void aVisitorsNewPageReachesTheReadersOfTheirConversationAfterItIsKept() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Pages " + UUID.randomUUID()));
        var token = visitors.registerAnonymous();
        long conversation = visitorMessages.post(inbox.settings().name(), token, "where is my parcel?")
                .conversationId();
        var title = "Checkout <img src=x onerror=alert(1)>";
        try (var events = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS)) {
            signals.visitorPageViewed(token, inbox.id(), new VisitorContext(null, "Mozilla/5.0",
                    "https://shop.example/checkout?step=2", title));
            var event = events.await(body -> body.contains("\"visitor.context\"")
                    && body.contains("\"conversationId\":" + conversation + ","), Duration.ofSeconds(15))
                    .orElseThrow(() -> new AssertionError("no visitor.context event: " + events.seen()));
            JsonObject json;
            try (var reader = Json.createReader(new StringReader(event))) {
                json = reader.readObject();
            }
            assertAll(
                    () -> assertEquals("https://shop.example/checkout?step=2", json.getString("pageUrl")),
                    () -> assertEquals(title, json.getString("pageTitle"), "text as sent: the console shows it as text"),
                    () -> assertEquals(inbox.id(), json.getJsonNumber("inboxId").longValue()),
                    () -> assertEquals("https://shop.example/checkout?step=2",
                            visitors.find(visitors.requireByToken(token).getId()).pageUrl(), "kept first"));

            // What is no web address is refused and goes nowhere; the page kept stays.
            assertEquals("visitor.page-url", assertThrows(RequestRejectedException.class,
                    () -> signals.visitorPageViewed(token, inbox.id(),
                            new VisitorContext(null, null, "javascript:alert(1)", "Evil"))).code());
            var leaked = events.await(body -> body.contains("javascript:"), Duration.ofSeconds(2));
            assertTrue(leaked.isEmpty(), () -> "a refused page was published: " + leaked.get());
            assertEquals("https://shop.example/checkout?step=2",
                    visitors.find(visitors.requireByToken(token).getId()).pageUrl());
        }
    }

    @Test
    public void visitorsTellWhoAndWhereTheyAreAndAgentsTagThem() throws Exception {
        var team = team();
        var token = visitors.registerAnonymous();
        long visitorId = visitors.requireByToken(token).getId();

        var introduced = visitors.introduce(token, " Grace  Hopper ", "grace@example.com");
        visitors.recordContext(token, VisitorContext.connection("2001:db8::7", null));
        visitors.recordContext(token, new VisitorContext(null, "Mozilla/5.0", "https://shop.example/cart", "Cart"));

        var seen = visitors.find(visitorId);
        assertAll(
                () -> assertEquals("Grace Hopper", introduced.name()),
                () -> assertFalse(seen.verified(), "typed details are not verified"),
                () -> assertEquals("2001:db8::7", seen.ipAddress(), "the page report keeps the connection's address"),
                () -> assertEquals("Mozilla/5.0", seen.userAgent()),
                () -> assertEquals("https://shop.example/cart", seen.pageUrl()),
                () -> assertEquals("Cart", seen.pageTitle()),
                () -> assertNotNull(seen.lastSeenAt()));
        assertEquals("visitor.page-url", assertThrows(RequestRejectedException.class,
                () -> visitors.recordContext(token, new VisitorContext(null, null, "javascript:alert(1)", null)))
                .code());
        assertEquals("visitor.email", assertThrows(RequestRejectedException.class,
                () -> visitors.introduce(token, "Grace", "not-an-address")).code());

        long read = count("SELECT version FROM visitor WHERE id = ?", visitorId);
        assertEquals(Set.of("returning", "vip"),
                visitors.retag(team.ada(), visitorId, read, List.of("VIP", "returning")).tags());
        assertEquals("visitor.changed", assertThrows(RequestRejectedException.class,
                () -> visitors.retag(team.bob(), visitorId, read, List.of("spam"))).code());
        assertEquals(List.of("returning", "vip"), rows("SELECT tag FROM visitor_tag WHERE visitor_id = ? ORDER BY tag",
                visitorId).stream().map(row -> row.get(0)).toList());
    }

    @Test
    public void tabsReportingWhereTheVisitorIsAtOnceNeverConflictNorDisturbATagEdit() throws Exception {
        var team = team();
        var token = visitors.registerAnonymous();
        long visitorId = visitors.requireByToken(token).getId();
        long read = count("SELECT version FROM visitor WHERE id = ?", visitorId);
        var failures = new ConcurrentLinkedQueue<Throwable>();

        runAtOnce(LongStream.range(0, 10).<Runnable>mapToObj(i -> () -> {
            try {
                visitors.recordContext(token, new VisitorContext("198.51.100." + i, "Tab " + i,
                        "https://shop.example/page/" + i, "Page " + i));
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }).toList());

        assertEquals(List.of(), List.copyOf(failures));
        assertTrue(visitors.find(visitorId).pageUrl().startsWith("https://shop.example/page/"));
        assertEquals(Set.of("returning"), visitors.retag(team.ada(), visitorId, read, List.of("returning")).tags(),
                "moving between pages is no edit of the visitor");
    }

    @Test
    public void aBlockedVisitorNeitherSendsNorReadsUntilTheBlockIsLiftedAndTheRecordStays() throws Exception {
        var team = team();
        var token = visitors.registerAnonymous();
        long visitorId = visitors.requireByToken(token).getId();
        long conversation = visitorMessages.post(team.inbox(), token, "hello").conversationId();

        assertEquals("block.reason", assertThrows(RequestRejectedException.class,
                () -> blocks.blockVisitor(team.ada(), visitorId, " ", null)).code());
        assertEquals("block.period", assertThrows(RequestRejectedException.class,
                () -> blocks.blockVisitor(team.ada(), visitorId, "abuse", Duration.ofSeconds(10))).code());
        var block = blocks.blockVisitor(team.ada(), visitorId, "abusive language", Duration.ofHours(1));

        assertEquals("visitor.blocked", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.post(team.inbox(), token, "let me in")).code());
        assertEquals("visitor.blocked", assertThrows(RequestRejectedException.class,
                () -> transcripts.forVisitor(token, conversation)).code());
        assertEquals(1L, count("SELECT COUNT(*) FROM message WHERE conversation_id = ?", conversation));
        assertTrue(blocks.inForce().stream().anyMatch(b -> b.id() == block.id()));
        long reply = agentMessages.reply(conversation, firstAdmin(), "You are blocked.", null).seq();
        assertEquals(List.of(List.of("FAILED", "visitor.blocked")), rows("SELECT delivery_status, failure_reason "
                + "FROM message WHERE conversation_id = ? AND seq = ?", conversation, reply), "kept, never delivered");

        assertEquals("block.forbidden", assertThrows(RequestRejectedException.class,
                () -> blocks.lift(team.bob(), block.id())).code(), "another agent cannot lift Ada's block");
        var lifted = blocks.lift(team.ada(), block.id());
        assertEquals(team.ada(), lifted.liftedBy());
        assertFalse(lifted.inForce());
        assertEquals("block.ended", assertThrows(RequestRejectedException.class,
                () -> blocks.lift(firstAdmin(), block.id())).code());
        assertEquals(3, visitorMessages.post(team.inbox(), token, "sorry").seq());
        assertEquals(List.of(List.of("abusive language", String.valueOf(team.ada()), String.valueOf(team.ada()))),
                rows("SELECT reason, blocked_by, lifted_by FROM visitor_block WHERE id = ? AND lifted_at IS NOT NULL",
                        block.id()), "the lifted block is kept with who blocked and who lifted");
    }

    @Test
    public void aNetworkBlockCoversEveryVisitorFromItAndEndsByItself() throws Exception {
        var team = team();
        var inside = visitors.registerAnonymous();
        var outside = visitors.registerAnonymous();
        visitors.recordContext(inside, VisitorContext.connection("198.51.100.23", null));
        visitors.recordContext(outside, VisitorContext.connection("203.0.113.5", null));

        assertEquals("block.forbidden", assertThrows(RequestRejectedException.class,
                () -> blocks.blockNetwork(team.ada(), "198.51.100.0/24", "spam wave", null)).code());
        assertEquals("block.network", assertThrows(RequestRejectedException.class,
                () -> blocks.blockNetwork(firstAdmin(), "198.51.100.0/33", "spam wave", null)).code());
        var block = blocks.blockNetwork(firstAdmin(), "198.51.100.77/24", "spam wave", Duration.ofMinutes(5));

        assertEquals("198.51.100.0/24", block.network());
        assertEquals("visitor.blocked", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.post(team.inbox(), inside, "spam")).code());
        assertEquals(1, visitorMessages.post(team.inbox(), outside, "legit").seq());

        // Five minutes later (moved in the database rather than waited for), the block has ended on its own. The
        // node keeps the blocks in force, so it is told of the change behind its back, as a lift would tell it.
        try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(
                "UPDATE visitor_block SET expires_at = ? WHERE id = ?")) {
            statement.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
            statement.setLong(2, block.id());
            assertEquals(1, statement.executeUpdate());
        }
        blocksInForce.changed();
        assertEquals(1, visitorMessages.post(team.inbox(), inside, "back").seq());
        assertTrue(blocks.inForce().stream().noneMatch(b -> b.id() == block.id()));
    }

    @Test
    public void agentsBlockVisitorsAndColleaguesFromMessagingThem() throws Exception {
        var team = team();
        var token = visitors.registerAnonymous();
        long visitorId = visitors.requireByToken(token).getId();
        long conversation = visitorMessages.post(team.inbox(), token, "hi").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());

        var own = agentBlocks.blockVisitor(team.ada(), visitorId);
        assertEquals("agent-block.exists", assertThrows(RequestRejectedException.class,
                () -> agentBlocks.blockVisitor(team.ada(), visitorId)).code());
        assertEquals(Set.of(team.ada()), agentBlocks.agentsBlocking(visitorId));
        visitorMessages.post(team.inbox(), token, "hello again");
        assertEquals(List.of(List.of("WAITING")), rows("SELECT status FROM conversation WHERE id = ? "
                + "AND assignee_id IS NULL", conversation), "Ada let go of the visitor she blocked");
        assertEquals("agent-block.unknown", assertThrows(RequestRejectedException.class,
                () -> agentBlocks.unblock(team.bob(), own.id())).code(), "Bob cannot touch Ada's list");

        // Ada blocks her colleague Bob: he cannot hand her conversations any more, until she unblocks him.
        participants.handOn(conversation, firstAdmin(), team.bob());
        var colleague = agentBlocks.blockAgent(team.ada(), team.bob());
        assertEquals("agent-block.self", assertThrows(RequestRejectedException.class,
                () -> agentBlocks.blockAgent(team.ada(), team.ada())).code());
        assertEquals("agent.blocked", assertThrows(RequestRejectedException.class,
                () -> participants.handOn(conversation, team.bob(), team.ada())).code());
        assertEquals(String.valueOf(team.bob()), rows("SELECT assignee_id FROM conversation WHERE id = ?",
                conversation).get(0).get(0));
        agentBlocks.unblock(team.ada(), colleague.id());
        participants.handOn(conversation, team.bob(), team.ada());
        assertEquals(1, agentBlocks.of(team.ada()).size());
    }

    @Test
    public void agentsOfferOptionsAndTheVisitorsPickIsRecordedOnce() throws Exception {
        var team = team();
        var token = visitors.registerAnonymous();
        long conversation = visitorMessages.post(team.inbox(), token, "I need help").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());

        assertEquals("message.options", assertThrows(RequestRejectedException.class,
                () -> agentMessages.offerOptions(conversation, team.ada(), "Which?", List.of("only"))).code());
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> agentMessages.offerOptions(conversation, team.bob(), "Which?", List.of("a", "b"))).code());
        long menu = agentMessages.offerOptions(conversation, team.ada(), "What is it about?",
                List.of("Billing", "Delivery")).seq();
        assertEquals("message.no-options", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.pickOption(token, conversation, 1, 0)).code());
        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.pickOption(visitors.registerAnonymous(), conversation, menu, 0)).code());

        var answer = visitorMessages.pickOption(token, conversation, menu, 1);

        assertEquals(menu + 1, answer.seq());
        assertEquals("message.option-picked", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.pickOption(token, conversation, menu, 0)).code());
        var transcript = transcripts.forVisitor(token, conversation);
        var offered = transcript.stream().filter(e -> e.seq() == menu).findFirst().orElseThrow();
        var picked = transcript.stream().filter(e -> e.seq() == answer.seq()).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals(List.of("Billing", "Delivery"), offered.options()),
                () -> assertEquals(1, offered.pickedOption()),
                () -> assertEquals("VISITOR", picked.author()),
                () -> assertEquals("Delivery", picked.text()),
                () -> assertEquals(menu, picked.quoteSeq()));
        assertEquals(List.of(List.of("1")), rows("SELECT picked_option FROM message WHERE conversation_id = ? "
                + "AND seq = ? AND picked_at IS NOT NULL", conversation, menu));
    }

    // listing, participants, delivery ------------------------------------------------------------------------

    @Test
    public void listingShowsEachAgentWhatTheyMayOpenAndAgreesWithOpeningIt() throws Exception {
        var crew = crew(null);
        long waiting = visitorWrites(crew, "waiting for anyone");
        long adas = visitorWrites(crew, "for Ada");
        participants.handOn(adas, firstAdmin(), crew.ada());
        long bobs = visitorWrites(crew, "for Bob");
        participants.handOn(bobs, firstAdmin(), crew.bob());
        long shared = visitorWrites(crew, "for Bob, with Carol invited");
        participants.handOn(shared, firstAdmin(), crew.bob());
        participants.invite(shared, crew.bob(), crew.carol());
        var ours = List.of(waiting, adas, bobs, shared);

        // Fresh agents belong to this inbox only: their whole lists are exactly what they may see here.
        assertEquals(Set.of(waiting, adas), listed(crew.ada(), ConversationQuery.all()));
        assertEquals(Set.of(waiting, bobs, shared), listed(crew.bob(), ConversationQuery.all()));
        assertEquals(Set.of(shared), listed(crew.carol(), ConversationQuery.all()), "a participant sees the invited one");
        assertEquals(Set.copyOf(ours), listed(crew.sue(), ConversationQuery.all().withInboxes(List.of(crew.inboxId()))),
                "a supervisor sees all of them");
        for (var agent : List.of(crew.ada(), crew.bob(), crew.carol(), crew.sue())) {
            assertListAndOpeningAgree(agent, ours, crew.inboxId());
        }

        participants.handOn(adas, crew.ada(), crew.bob());
        assertEquals(Set.of(waiting), listed(crew.ada(), ConversationQuery.all()), "the previous holder loses it");
        assertListAndOpeningAgree(crew.ada(), ours, crew.inboxId());
    }

    @Test
    public void listingFiltersByAllTagsChannelAssigneeStatusAndLastMessage() throws Exception {
        var crew = crew(null);
        long both = visitorWrites(crew, "refund for a vip");
        lifecycle.retag(both, crew.sue(), version(both), List.of("Refund", "VIP"));
        long refund = visitorWrites(crew, "refund only");
        lifecycle.retag(refund, crew.sue(), version(refund), List.of("refund"));
        long vip = visitorWrites(crew, "vip only");
        lifecycle.retag(vip, crew.sue(), version(vip), List.of("vip", "other"));
        long jms = visitorMessages.post(crew.inbox(), visitors.registerAnonymous(), "from a legacy system",
                Channel.JMS).conversationId();
        participants.handOn(jms, firstAdmin(), crew.ada());
        var mine = ConversationQuery.all().withInboxes(List.of(crew.inboxId()));

        assertEquals(Set.of(both), listed(crew.sue(), mine.withTags(List.of("refund", "vip"))), "every tag must match");
        assertEquals(Set.of(both, refund), listed(crew.sue(), mine.withTags(List.of("REFUND"))));
        assertEquals(Set.of(), listed(crew.sue(), mine.withTags(List.of("refund", "vip", "missing"))));
        assertEquals(Set.of(jms), listed(crew.sue(), mine.withChannel(Channel.JMS)));
        assertEquals(Set.of(both, refund, vip), listed(crew.sue(), mine.withChannel(Channel.WIDGET)));
        assertEquals(Set.of(jms), listed(crew.sue(), mine.withAssignee(ConversationQuery.Assignee.agent(crew.ada()))));
        assertEquals(Set.of(jms), listed(crew.ada(), ConversationQuery.all().withAssignee(ConversationQuery.Assignee.me())));
        assertEquals(Set.of(both, refund, vip),
                listed(crew.sue(), mine.withAssignee(ConversationQuery.Assignee.unassigned())));
        assertEquals(Set.of(), listed(crew.sue(), mine.withAssignee(ConversationQuery.Assignee.me())));

        lifecycle.archive(refund, crew.sue());
        assertEquals(Set.of(both, vip, jms), listed(crew.sue(), mine), "the archive is left out by default");
        assertEquals(Set.of(refund), listed(crew.sue(), mine.withStatuses(List.of(ConversationStatus.ARCHIVED))));

        var jmsLine = page(crew.sue(), mine.withChannel(Channel.JMS)).items().get(0);
        assertAll(
                () -> assertEquals(Channel.JMS, jmsLine.channel()),
                () -> assertEquals(crew.inboxId(), jmsLine.inboxId()),
                () -> assertEquals(crew.ada(), jmsLine.assigneeId()),
                () -> assertEquals("Ada", jmsLine.assigneeName()),
                () -> assertEquals("from a legacy system", jmsLine.lastMessage()),
                () -> assertEquals(ConversationStatus.ASSIGNED, jmsLine.status()));
        var lastMessageAt = jmsLine.lastMessageAt();
        assertEquals(Set.of(jms), listed(crew.sue(), mine.withChannel(Channel.JMS)
                .withLastMessageBetween(lastMessageAt.minusSeconds(1), lastMessageAt.plusSeconds(1))));
        assertEquals(Set.of(), listed(crew.sue(), mine.withChannel(Channel.JMS)
                .withLastMessageBetween(lastMessageAt, null)), "after is strictly after");
        assertEquals(List.of(List.of("JMS")), rows("SELECT channel FROM conversation WHERE id = ?", jms));
    }

    @Test
    public void listingFindsTextInMessagesNotesAndTheVisitorsNameTakenLiterally() throws Exception {
        var crew = crew(null);
        var word = "Parcel" + UUID.randomUUID().toString().substring(0, 8);
        long inMessage = visitorWrites(crew, "where is my " + word + "?");
        long inNote = visitorWrites(crew, "hello");
        agentMessages.note(inNote, crew.sue(), "customer asked about the " + word.toLowerCase(Locale.ROOT));
        var token = visitors.registerAnonymous();
        visitors.introduce(token, "Ann " + word, null);
        long byName = visitorMessages.post(crew.inbox(), token, "hi").conversationId();
        long wildcards = visitorWrites(crew, "100% sure_" + word);
        var mine = ConversationQuery.all().withInboxes(List.of(crew.inboxId()));

        assertEquals(Set.of(inMessage, inNote, byName, wildcards),
                listed(crew.sue(), mine.withText(word.toUpperCase(Locale.ROOT))), "any case, message, note or name");
        assertEquals(Set.of(wildcards), listed(crew.sue(), mine.withText("100% sure_")), "% and _ are literal");
        assertEquals(Set.of(), listed(crew.sue(), mine.withText("100%% sure")));
        assertEquals(Set.of(inMessage, inNote, byName, wildcards), listed(crew.sue(), mine.withText("  ")),
                "a blank text filters nothing");
        assertEquals("conversations.text", assertThrows(RequestRejectedException.class,
                () -> mine.withText("x".repeat(ConversationQuery.MAX_TEXT + 1))).code());
    }

    @Test
    public void listingInProcessingOrderPutsTheNearestReplyDeadlineFirstThenTheAnswered() throws Exception {
        var hour = crew(Duration.ofHours(1));
        var minute = newInbox(Duration.ofMinutes(1));
        var unlimited = newInbox(null);
        long answeredFirst = visitorWrites(hour, "answered long ago");
        participants.handOn(answeredFirst, firstAdmin(), hour.ada());
        agentMessages.reply(answeredFirst, hour.ada(), "done", null);
        long dueInAnHour = visitorWrites(hour, "within the hour, please");
        long dueInAMinute = visitorMessages.post(minute.name(), visitors.registerAnonymous(), "urgent")
                .conversationId();
        long noLimit = visitorMessages.post(unlimited.name(), visitors.registerAnonymous(), "whenever")
                .conversationId();
        long answeredLast = visitorWrites(hour, "answered just now");
        participants.handOn(answeredLast, firstAdmin(), hour.ada());
        agentMessages.note(answeredLast, hour.ada(), "a note answers nothing");
        assertEquals(List.of(List.of("0")), rows("SELECT processing_rank FROM conversation "
                + "WHERE id = ? AND reply_deadline IS NOT NULL", answeredLast), "still due: a note answers nothing");
        agentMessages.reply(answeredLast, hour.ada(), "on it", null);

        var all = ConversationQuery.all().withInboxes(List.of(hour.inboxId(), minute.id(), unlimited.id()));
        var lines = page(hour.sue(), all).items();
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
                page(hour.sue(), all).items().stream().map(ConversationSummary::id).toList(),
                "answered, it joins the answered ones, the latest activity first");
        var byActivity = page(hour.sue(), all.sortedBy(ConversationQuery.Sort.LAST_ACTIVITY)).items();
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
        var crew = crew(null);
        var created = new ArrayList<Long>();
        for (int i = 0; i < 7; i++) {
            created.add(visitorWrites(crew, "conversation " + i));
        }
        var query = ConversationQuery.all().withInboxes(List.of(crew.inboxId())).sortedBy(ConversationQuery.Sort.LAST_ACTIVITY);
        var seen = new ArrayList<Long>();
        for (int page = 0; page < 3; page++) {
            var result = page(crew.ada(), query.page(page, 3));
            assertEquals(7L, result.total());
            assertEquals(page < 2 ? 3 : 1, result.items().size(), "page " + page);
            result.items().forEach(line -> seen.add(line.id()));
        }
        assertEquals(created.stream().sorted().toList(), seen.stream().sorted().toList(), "every one exactly once");
        var beyond = page(crew.ada(), query.page(3, 3));
        assertEquals(List.of(), beyond.items());
        assertEquals(7L, beyond.total());
        assertEquals(1L, page(crew.ada(), query.page(0, 3)).items().get(0).unread(), "one visitor message unread");
    }

    @Test
    public void listingDeliveryStatusNeverGoesBackAndAFailureKeepsItsReason() throws Exception {
        var crew = crew(null);
        var visitor = visitors.registerAnonymous();
        long conversation = visitorMessages.post(crew.inbox(), visitor, "one").conversationId();
        participants.handOn(conversation, firstAdmin(), crew.ada());
        agentMessages.reply(conversation, crew.ada(), "two", null);
        agentMessages.reply(conversation, crew.ada(), "three", null);
        visitorMessages.post(crew.inbox(), visitor, "four");
        agentMessages.reply(conversation, crew.ada(), "five", null);
        assertEquals(List.of("QUEUED"), statuses(conversation).values().stream().distinct().toList(),
                "every message starts QUEUED");

        assertEquals(1, delivery.readByVisitor(visitor, conversation, 2));
        try (var events = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS)) {
            assertEquals(2, delivery.deliveredToVisitor(visitor, conversation, 5));
            // The READ event of the receipt before may still be on its way (events leave after the commit, on a
            // thread of their own): the one wanted is the DELIVERED one.
            var event = events.await(body -> body.contains("\"message.status\"")
                    && body.contains("\"conversationId\":" + conversation + ",")
                    && body.contains("\"status\":\"DELIVERED\""), Duration.ofSeconds(15))
                    .orElseThrow(() -> new AssertionError("no message.status event: " + events.seen()));
            JsonObject json;
            try (var reader = Json.createReader(new StringReader(event))) {
                json = reader.readObject();
            }
            assertAll(
                    () -> assertEquals("AGENT", json.getString("author")),
                    () -> assertEquals(3, json.getInt("fromSeq"), "seq 2 was READ already"),
                    () -> assertEquals(5, json.getInt("toSeq")),
                    () -> assertEquals("DELIVERED", json.getString("status")),
                    () -> assertEquals(crew.inboxId(), json.getJsonNumber("inboxId").longValue()));
        }
        assertEquals(Map.of(1L, "QUEUED", 2L, "READ", 3L, "DELIVERED", 4L, "QUEUED", 5L, "DELIVERED"),
                statuses(conversation), "READ never becomes DELIVERED; the visitor's messages are untouched");
        assertEquals(0, delivery.deliveredToVisitor(visitor, conversation, 5), "a repeated receipt changes nothing");
        assertEquals(0, delivery.failed(conversation, Recipient.VISITOR, 5, MessageDelivery.VISITOR_LEFT),
                "what arrived cannot fail");

        agentMessages.reply(conversation, crew.ada(), "six", null);
        assertEquals(1, delivery.failed(conversation, Recipient.VISITOR, 6, MessageDelivery.VISITOR_LEFT));
        assertEquals(List.of(List.of("FAILED", "visitor.left")),
                rows("SELECT delivery_status, failure_reason FROM message WHERE conversation_id = ? AND seq = 6",
                        conversation));
        assertEquals("message.failure-reason", assertThrows(RequestRejectedException.class,
                () -> delivery.failed(conversation, Recipient.VISITOR, 6, "Visitor Left!")).code());
        assertEquals(1, delivery.deliveredToVisitor(visitor, conversation, 6), "the visitor came back");
        assertEquals(List.of(java.util.Arrays.asList("DELIVERED", null)),
                rows("SELECT delivery_status, failure_reason FROM message WHERE conversation_id = ? AND seq = 6",
                        conversation));

        workspace.markRead(crew.ada(), conversation, 4);
        assertEquals("READ", statuses(conversation).get(1L), "an agent reading makes the visitor's messages READ");
        assertEquals("READ", statuses(conversation).get(4L));
        visitorMessages.post(crew.inbox(), visitor, "seven");
        assertEquals(1, delivery.failed(conversation, Recipient.AGENTS, 99, MessageDelivery.AGENT_UNASSIGNED));
        assertEquals(List.of(List.of("FAILED", "agent.unassigned")),
                rows("SELECT delivery_status, failure_reason FROM message WHERE conversation_id = ? AND seq = 7",
                        conversation));
        assertEquals(0, delivery.deliveredToAgent(crew.ada(), conversation, 4), "READ stays READ");

        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> delivery.readByVisitor(visitors.registerAnonymous(), conversation, 6)).code(),
                "another visitor's receipts count for nothing");
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> delivery.deliveredToAgent(crew.carol(), conversation, 7)).code());
        assertEquals("message.seq", assertThrows(RequestRejectedException.class,
                () -> delivery.deliveredToVisitor(visitor, conversation, 0)).code());
    }

    @Test
    public void listingParticipantsReadReplyAndWriteNotesAndTheHolderLeavesToOne() throws Exception {
        var crew = crew(null);
        var visitor = visitors.registerAnonymous();
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
        assertEquals(2L, page(crew.carol(), ConversationQuery.all()).items().get(0).unread(),
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

    /** A fresh inbox with Ada and Bob as members, Carol (an agent of no inbox) and Sue (a supervisor). */
    @Test
    public void aColleagueAskedOutOrLeavingIsToldSoTheirConsoleDropsTheTab() throws Exception {
        var team = team();
        long conversation = visitorMessages.post(team.inbox(), visitors.registerAnonymous(), "Two heads")
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

    @Test
    public void theVisitorHearsOfAParticipantLeavingOnlyIfTheyWroteAndEveryoneOfADeletion() throws Exception {
        var crew = crew(null);
        var visitor = visitors.registerAnonymous();
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

    private Crew crew(Duration replyTimeLimit) {
        var inbox = newInbox(replyTimeLimit);
        long carol = agents.create(new NewAgent("carol." + UUID.randomUUID() + "@example.com", "Carol",
                "Carol password!", Set.of(Role.AGENT))).id();
        long sue = agents.create(new NewAgent("sue." + UUID.randomUUID() + "@example.com", "Sue",
                "Sue password!", Set.of(Role.SUPERVISOR))).id();
        return new Crew(inbox.id(), inbox.name(), member(inbox.id(), "Ada"), member(inbox.id(), "Bob"), carol, sue);
    }

    private CrewInbox newInbox(Duration replyTimeLimit) {
        var name = "Crew " + UUID.randomUUID();
        var inbox = inboxes.create(new InboxSettings(name, null, null, null, null, replyTimeLimit, null));
        return new CrewInbox(inbox.id(), name);
    }

    private record Crew(long inboxId, String inbox, long ada, long bob, long carol, long sue) {
    }

    private record CrewInbox(long id, String name) {
    }

    private long visitorWrites(Crew crew, String text) {
        return visitorMessages.post(crew.inbox(), visitors.registerAnonymous(), text).conversationId();
    }

    private ConversationPage page(long agentId, ConversationQuery query) {
        return directory.list(agentId, query);
    }

    private Set<Long> listed(long agentId, ConversationQuery query) {
        var result = page(agentId, query.page(0, ConversationQuery.MAX_SIZE));
        assertEquals(result.total(), result.items().size(), "everything on one page");
        return result.items().stream().map(ConversationSummary::id).collect(Collectors.toSet());
    }

    /** The list shows a conversation exactly when the agent may open it. */
    private void assertListAndOpeningAgree(long agentId, List<Long> conversations, long inboxId) {
        var listed = listed(agentId, ConversationQuery.all().withInboxes(List.of(inboxId)));
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

    /** Delivery status by seq. */
    private static Map<Long, String> statuses(long conversation) throws Exception {
        return rows("SELECT seq, delivery_status FROM message WHERE conversation_id = ? ORDER BY seq", conversation)
                .stream().collect(Collectors.toMap(row -> Long.valueOf(row.get(0)), row -> row.get(1)));
    }

    // m. Attachments: all or nothing, the inbox's types, who may read which file, images apart from files -------

    @Test
    public void attachmentsAreStoredWithTheirMessageUnderServerChosenNames() throws Exception {
        var team = team();
        var visitor = visitors.registerAnonymous();
        var png = Samples.png();
        var pdf = Samples.pdf();

        var posted = attachments.postVisitorMessage(team.inbox(), visitor, "  ",
                List.of(file("../../etc/holiday.png", png), file("Rechnung.pdf", pdf)));

        assertEquals(1, posted.seq());
        assertEquals(List.of("holiday.png", "Rechnung.pdf"), posted.attachments().stream().map(a -> a.name()).toList());
        var rows = rows("SELECT a.file_name, a.media_type, a.kind, a.size_bytes, a.sha256, a.storage_name, m.body "
                + "FROM attachment a JOIN message m ON m.id = a.message_id WHERE a.conversation_id = ? ORDER BY a.id",
                posted.conversationId());
        assertEquals(List.of("holiday.png", "image/png", "IMAGE", String.valueOf(png.length), Samples.sha256(png)),
                rows.get(0).subList(0, 5));
        assertEquals(List.of("Rechnung.pdf", "application/pdf", "FILE", String.valueOf(pdf.length)),
                rows.get(1).subList(0, 4));
        assertEquals("", rows.get(0).get(6), "a message with files needs no text");
        for (int i = 0; i < 2; i++) {
            var stored = attachmentDir().resolve(rows.get(i).get(5));
            assertTrue(rows.get(i).get(5).matches("[0-9a-f]{2}/[0-9a-f]{32}"), "a server-chosen name");
            assertArrayEquals(i == 0 ? png : pdf, Files.readAllBytes(stored), "the file is in the directory");
        }
        assertEquals(List.of(), incoming(), "no temporary file is left");
        var entry = transcripts.forVisitor(visitor, posted.conversationId()).get(0);
        assertEquals(posted.attachments(), entry.attachments(), "the transcript mentions the files");
    }

    @Test
    public void aMessageWithOneRefusedFileStoresNothingAtAll() throws Exception {
        var team = team();
        var visitor = visitors.registerAnonymous();
        long conversation = visitorMessages.post(team.inbox(), visitor, "hello").conversationId();
        var filesBefore = storedFiles();

        var six = new ArrayList<IncomingFile>();
        for (int i = 0; i < 6; i++) {
            six.add(file("note" + i + ".txt", ("note " + i).getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals("attachment.too-many", assertThrows(RequestRejectedException.class,
                () -> attachments.postVisitorMessage(team.inbox(), visitor, "six", six)).code());
        assertEquals("attachment.type", assertThrows(RequestRejectedException.class,
                () -> attachments.postVisitorMessage(team.inbox(), visitor, "mixed", List.of(
                        file("a.png", Samples.png()), file("b.pdf", Samples.pdf()),
                        file("cat.png", Samples.html())))).code(), "HTML called .png is refused by its content");
        assertEquals("attachment.empty", assertThrows(RequestRejectedException.class,
                () -> attachments.postVisitorMessage(team.inbox(), visitor, "empty", List.of(
                        file("a.png", Samples.png()), file("empty.txt", new byte[0])))).code());
        assertEquals("attachment.too-large", assertThrows(RequestRejectedException.class,
                () -> attachments.postVisitorMessage(team.inbox(), visitor, "big", List.of(
                        file("a.png", Samples.png()),
                        new IncomingFile("big.txt", Samples.letters(20L * 1024 * 1024 + 1))))).code());
        assertEquals("message.too-long", assertThrows(RequestRejectedException.class,
                () -> attachments.postVisitorMessage(team.inbox(), visitor, "x".repeat(2001),
                        List.of(file("a.png", Samples.png())))).code(), "a caption obeys the message rules");

        assertEquals(List.of(1L), longs("SELECT seq FROM message WHERE conversation_id = ?", conversation),
                "no message was stored and no seq used");
        assertEquals(0L, count("SELECT COUNT(*) FROM attachment WHERE conversation_id = ?", conversation));
        assertEquals(filesBefore, storedFiles(), "no file was stored");
        assertEquals(List.of(), incoming(), "no temporary file is left");
    }

    @Test
    public void anInboxRefusesTheTypesItDoesNotAcceptAndTheRollbackLeavesNoFile() throws Exception {
        var settings = new InboxSettings("PDF only " + UUID.randomUUID(), null, null, null, null, null,
                Set.of(AttachmentType.PDF));
        var inbox = inboxes.create(settings).settings().name();
        var visitor = visitors.registerAnonymous();
        var filesBefore = storedFiles();

        var refused = assertThrows(RequestRejectedException.class, () -> attachments.postVisitorMessage(inbox,
                visitor, "photo and invoice", List.of(file("invoice.pdf", Samples.pdf()), file("me.png", Samples.png()))));
        assertEquals("attachment.type-not-accepted", refused.code());
        assertEquals(0L, count("SELECT COUNT(*) FROM message m JOIN conversation c ON c.id = m.conversation_id "
                + "JOIN visitor v ON v.id = c.visitor_id WHERE v.token = ?", visitor), "the message rolled back");
        assertEquals(filesBefore, storedFiles(), "the accepted PDF did not stay either");
        assertEquals(List.of(), incoming());

        var posted = attachments.postVisitorMessage(inbox, visitor, null, List.of(file("invoice.pdf", Samples.pdf())));
        assertEquals(1, posted.attachments().size());
    }

    @Test
    public void onlyThoseWhoMayReadAConversationOpenItsFilesAndNotesStayWithTheAgents() throws Exception {
        var team = team();
        var visitor = visitors.registerAnonymous();
        var first = attachments.postVisitorMessage(team.inbox(), visitor, "my broken parcel",
                List.of(file("parcel.jpg", Samples.jpeg())));
        var photo = first.attachments().get(0);
        long conversation = first.conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        var note = attachments.postNote(conversation, team.ada(), "the courier's report",
                List.of(file("report.pdf", Samples.pdf()))).attachments().get(0);
        var reply = attachments.postAgentMessage(conversation, team.ada(), "Our label for the return",
                List.of(file("label.txt", "Return to: Example Inc.".getBytes(StandardCharsets.UTF_8))));

        var forAda = attachments.listForAgent(team.ada(), conversation);
        assertEquals(List.of("parcel.jpg"), forAda.images().stream().map(a -> a.name()).toList());
        assertEquals(List.of("report.pdf", "label.txt"), forAda.files().stream().map(a -> a.name()).toList());
        var forVisitor = attachments.listForVisitor(visitor, conversation);
        assertEquals(List.of("parcel.jpg"), forVisitor.images().stream().map(a -> a.name()).toList());
        assertEquals(List.of("label.txt"), forVisitor.files().stream().map(a -> a.name()).toList(), "no note's file");

        assertArrayEquals(Samples.jpeg(), read(attachments.openForVisitor(visitor, photo.id())));
        assertArrayEquals(Samples.pdf(), read(attachments.openForAgent(team.ada(), note.id())));
        assertEquals("attachment.unknown", assertThrows(RequestRejectedException.class,
                () -> attachments.openForVisitor(visitor, note.id())).code(), "a note's file is not the visitor's");
        assertEquals("attachment.unknown", assertThrows(RequestRejectedException.class,
                () -> attachments.openForVisitor(visitors.registerAnonymous(), photo.id())).code());
        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> attachments.listForVisitor(visitors.registerAnonymous(), conversation)).code());
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> attachments.postAgentMessage(conversation, team.bob(), "me too",
                        List.of(file("x.txt", "x".getBytes(StandardCharsets.UTF_8))))).code());

        participants.handOn(conversation, team.ada(), team.bob());
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> attachments.openForAgent(team.ada(), photo.id())).code(), "the previous holder lost it");
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> attachments.listForAgent(team.ada(), conversation)).code());
        assertArrayEquals(Samples.jpeg(), read(attachments.openForAgent(team.bob(), photo.id())));
        assertEquals(1, reply.attachments().size());
    }

    @Test
    public void deletingAConversationDeletesItsFilesOnceTheDeletionCommits() throws Exception {
        var team = team();
        var visitor = visitors.registerAnonymous();
        var posted = attachments.postVisitorMessage(team.inbox(), visitor, "spam",
                List.of(file("spam.png", Samples.png())));
        var storage = rows("SELECT storage_name FROM attachment WHERE conversation_id = ?", posted.conversationId())
                .get(0).get(0);
        assertTrue(Files.exists(attachmentDir().resolve(storage)));

        lifecycle.delete(firstAdmin(), List.of(posted.conversationId()));

        assertEquals(0L, count("SELECT COUNT(*) FROM attachment WHERE conversation_id = ?", posted.conversationId()));
        assertFalse(Files.exists(attachmentDir().resolve(storage)), "the file went with its row");
    }

    @Test
    public void theHttpApiTakesMultipartUploadsAndServesFilesSoBrowsersNeverRunThem() throws Exception {
        var team = team();
        var visitor = visitors.registerAnonymous();
        var http = HttpClient.newHttpClient();
        var png = Samples.png();

        var upload = Multipart.of(List.of(Multipart.text("text", "Grüße, see attached"),
                Multipart.file("file", "Straße 1.png", png),
                Multipart.file("file", "notes.txt", Samples.letters(20L * 1024 * 1024).readAllBytes())));
        var created = http.send(upload.post(api("visitor/attachments?inbox="
                + URLEncoder.encode(team.inbox(), StandardCharsets.UTF_8))).header("X-Visitor-Token", visitor).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), () -> created.uri() + ": " + created.body());
        var json = Json.createReader(new StringReader(created.body())).readObject();
        var files = json.getJsonArray("attachments");
        assertEquals("Straße 1.png", files.getJsonObject(0).getString("name"), "UTF-8 names arrive intact");
        assertEquals(20L * 1024 * 1024, files.getJsonObject(1).getJsonNumber("size").longValue(),
                "a full 20 MB file passes the HTTP stack");
        long conversation = json.getJsonNumber("conversationId").longValue();

        var image = http.send(HttpRequest.newBuilder(api("visitor/attachments/" + files.getJsonObject(0).getInt("id")))
                .header("X-Visitor-Token", visitor).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, image.statusCode());
        assertArrayEquals(png, image.body());
        assertEquals("image/png", image.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("nosniff", image.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(image.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("sandbox"));
        assertEquals("inline; filename=\"Stra_e 1.png\"; filename*=UTF-8''Stra%C3%9Fe%201.png",
                image.headers().firstValue("Content-Disposition").orElseThrow());
        var text = http.send(HttpRequest.newBuilder(api("visitor/attachments/" + files.getJsonObject(1).getInt("id")))
                .header("X-Visitor-Token", visitor).build(), HttpResponse.BodyHandlers.discarding());
        assertTrue(text.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        assertTrue(text.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment;"),
                "anything but a safe picture is a download");

        var listed = http.send(HttpRequest.newBuilder(api("visitor/conversations/" + conversation + "/attachments"))
                .header("X-Visitor-Token", visitor).build(), HttpResponse.BodyHandlers.ofString());
        var lists = Json.createReader(new StringReader(listed.body())).readObject();
        assertEquals(1, lists.getJsonArray("images").size(), listed.body());
        assertEquals(1, lists.getJsonArray("files").size(), listed.body());

        // The agent API: a bearer token; the holder may read, a colleague may not.
        participants.handOn(conversation, firstAdmin(), team.ada());
        var six = new ArrayList<Multipart.Part>();
        for (int i = 0; i < 6; i++) {
            six.add(Multipart.file("file", i + ".png", png));
        }
        var tooMany = http.send(Multipart.of(six).post(api("agent/conversations/" + conversation + "/attachments"))
                .header("Authorization", "Bearer " + tokenOf(team.ada(), "Ada")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("attachment.too-many"), tooMany.body());
        var adaReads = http.send(HttpRequest.newBuilder(api("agent/conversations/" + conversation + "/attachments"))
                .header("Authorization", "Bearer " + tokenOf(team.ada(), "Ada")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, adaReads.statusCode(), adaReads.body());
        var bobOpens = http.send(HttpRequest.newBuilder(api("agent/attachments/" + files.getJsonObject(0).getInt("id")))
                .header("Authorization", "Bearer " + tokenOf(team.bob(), "Bob")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, bobOpens.statusCode(), bobOpens.body());

        assertEquals(413, statusOfDeclaredUpload(101L * 1024 * 1024 + 1), "a body above 5 x 20 MB is refused unread");
    }

    private static IncomingFile file(String name, byte[] content) {
        return new IncomingFile(name, new ByteArrayInputStream(content));
    }

    private static byte[] read(AttachmentDownload download) throws Exception {
        try (var in = download.content()) {
            return in.readAllBytes();
        }
    }

    private static Path attachmentDir() {
        return Path.of(System.getenv("SWITCHBOARD_ATTACHMENTS_DIR"));
    }

    /** Every stored file (temporary ones apart). */
    private static Set<Path> storedFiles() throws Exception {
        if (!Files.isDirectory(attachmentDir())) {
            return Set.of();
        }
        try (var files = Files.walk(attachmentDir())) {
            return files.filter(Files::isRegularFile).filter(f -> !f.startsWith(attachmentDir().resolve("incoming")))
                    .collect(Collectors.toSet());
        }
    }

    private static List<Path> incoming() throws Exception {
        var dir = attachmentDir().resolve("incoming");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** On loopback: Micro reports the machine's interface address, the requests stay on this host. */
    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + deployment.getPort() + deployment.getPath().replaceAll("/+$", "")
                + "/api/" + path);
    }

    private String tokenOf(long agentId, String name) throws Exception {
        var email = rows("SELECT email FROM agent WHERE id = ?", agentId).get(0).get(0);
        return authentication.signIn(email, name + " password!", null).token();
    }

    /** Declares a body of {@code length} bytes and sends none: the answer must come before the body is read. */
    private int statusOfDeclaredUpload(long length) throws Exception {
        var uri = api("visitor/attachments?inbox=support");
        try (var socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            var request = "POST " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost()
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + length
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    // n. Routing -----------------------------------------------------------------------------------------------

    @Test
    public void autoRoutingOffersTheLeastLoadedOnlineMemberAndARejectionMovesItOn() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 5);
        online(desk.ada(), desk.bob());

        long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "help")
                .conversationId();
        long first = pendingOffer(conversation, desk.ada());
        assertEquals("OFFERED", status(conversation));
        assertEquals("offer.unknown", assertThrows(RequestRejectedException.class,
                () -> routing.accept(desk.bob(), first)).code(), "nobody accepts someone else's offer");

        routing.reject(desk.ada(), first);
        long second = pendingOffer(conversation, desk.bob());
        assertEquals("offer.decided", assertThrows(RequestRejectedException.class,
                () -> routing.reject(desk.ada(), first)).code());
        routing.accept(desk.bob(), second);

        assertEquals(List.of(List.of("ASSIGNED", String.valueOf(desk.bob()))),
                rows("SELECT status, assignee_id FROM conversation WHERE id = ?", conversation));
        var decisions = routing.decisions(firstAdmin(), conversation);
        assertEquals(List.of("OFFERED", "REJECTED", "OFFERED", "ACCEPTED"),
                decisions.stream().map(d -> d.outcome()).toList());
        assertTrue(decisions.get(0).explanation().startsWith("Chose Ada"), decisions.get(0).explanation());
        assertTrue(decisions.get(2).explanation().contains("#" + desk.ada() + ": rejected this conversation"),
                decisions.get(2).explanation());
    }

    @Test
    public void aMissedOfferRingsAgainForTheOnlyAgentOnlineAndGoesToAColleagueFirstOnceThereIsOne()
            throws Exception {
        var desk = desk(AssignmentMode.AUTO, 5, 5);
        online(desk.ada());

        long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "hello?")
                .conversationId();
        long missed = pendingOffer(conversation, desk.ada());
        await("the offer expires after 5 s", () -> "EXPIRED".equals(
                rows("SELECT status FROM offer WHERE id = ?", missed).get(0).get(0)));
        long again = pendingOffer(conversation, desk.ada());
        assertNotEquals(missed, again, "alone on duty, Ada is not locked out of the chat by one missed offer");
        var offered = routing.decisions(firstAdmin(), conversation).stream()
                .filter(d -> d.outcome().equals("OFFERED")).toList();
        assertEquals(2, offered.size());
        assertTrue(offered.get(1).explanation().contains("Offered again after a missed offer")
                && offered.get(1).explanation().contains("#" + desk.bob() + ": offline"),
                offered.get(1).explanation());

        agents.changePresence(desk.bob(), Presence.ONLINE);
        await("her second offer expires too", () -> "EXPIRED".equals(
                rows("SELECT status FROM offer WHERE id = ?", again).get(0).get(0)));
        pendingOffer(conversation, desk.bob());
        var last = routing.decisions(firstAdmin(), conversation).stream()
                .filter(d -> d.outcome().equals("OFFERED")).reduce((a, b) -> b).orElseThrow();
        assertTrue(last.explanation().contains("#" + desk.ada() + ": let this conversation's offer expire"),
                "a colleague who can take it comes first: " + last.explanation());
    }

    @Test
    public void chatsOfBlockedVisitorsAreNotOfferedAndTheirPendingOffersAreWithdrawn() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 5);
        long spam = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "buy cheap watches")
                .conversationId();
        blocks.blockVisitor(firstAdmin(), visitorOf(spam), "spam", Duration.ofHours(1));
        online(desk.ada());

        long rude = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "hello").conversationId();
        long offer = pendingOffer(rude, desk.ada());
        blocks.blockVisitor(desk.ada(), visitorOf(rude), "abusive language", Duration.ofHours(1));
        assertEquals("CANCELLED", rows("SELECT status FROM offer WHERE id = ?", offer).get(0).get(0),
                "the offer is withdrawn with the block");
        assertEquals("WAITING", status(rude));
        assertTrue(routing.decisions(firstAdmin(), rude).stream().anyMatch(d -> d.outcome().equals("CANCELLED")
                && d.explanation().equals("The visitor was blocked.")));

        Thread.sleep(3000); // Ada's freed place, and her coming online, drained the queue meanwhile
        assertEquals(0L, count("SELECT COUNT(*) FROM offer WHERE conversation_id = ?", spam),
                "a blocked visitor's chat is offered to nobody");
        assertEquals(1L, count("SELECT COUNT(*) FROM offer WHERE conversation_id = ?", rude));
        router.route(spam, true);
        assertTrue(routing.decisions(firstAdmin(), spam).stream().anyMatch(d -> d.outcome().equals("WAITING")
                && d.explanation().equals("Not offered: the visitor is blocked.")));

        long next = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "hi").conversationId();
        pendingOffer(next, desk.ada());
    }

    @Test
    public void aNetworkBlockWithdrawsTheOffersOfTheVisitorsLastSeenInIt() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 5);
        online(desk.ada());
        var inside = visitors.registerAnonymous();
        visitors.recordContext(inside, VisitorContext.connection("203.0.113.7", null));
        var outside = visitors.registerAnonymous();
        visitors.recordContext(outside, VisitorContext.connection("198.51.100.9", null));
        long fromInside = visitorMessages.post(desk.inbox(), inside, "hello from inside").conversationId();
        long fromOutside = visitorMessages.post(desk.inbox(), outside, "hello from outside").conversationId();
        long insideOffer = pendingOffer(fromInside, desk.ada());
        long outsideOffer = pendingOffer(fromOutside, desk.ada());

        blocks.blockNetwork(firstAdmin(), "203.0.113.0/24", "a flood from there", Duration.ofHours(1));

        assertEquals("CANCELLED", rows("SELECT status FROM offer WHERE id = ?", insideOffer).get(0).get(0),
                "the offer to a visitor in the network is withdrawn with the block");
        assertEquals("WAITING", status(fromInside));
        assertEquals("PENDING", rows("SELECT status FROM offer WHERE id = ?", outsideOffer).get(0).get(0),
                "a visitor elsewhere keeps theirs");
    }

    private static long visitorOf(long conversation) throws Exception {
        return longs("SELECT visitor_id FROM conversation WHERE id = ?", conversation).get(0);
    }

    @Test
    public void capacityIsNeverExceededAndAClosedConversationGivesItsPlaceAtOnce() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 2);
        online(desk.ada());
        var tokens = LongStream.range(0, 6).mapToObj(i -> visitors.registerAnonymous()).toList();
        var conversations = new ConcurrentLinkedQueue<Long>();

        runAtOnce(tokens.stream().<Runnable>map(token -> () -> conversations.add(
                visitorMessages.post(desk.inbox(), token, "me first").conversationId())).toList());
        await("two offers to Ada", () -> load(desk.ada()) == 2);
        Thread.sleep(1500);
        assertEquals(2L, load(desk.ada()), "never more than her capacity of 2");
        assertEquals(4L, count("SELECT COUNT(*) FROM conversation c JOIN inbox i ON i.id = c.inbox_id "
                + "WHERE i.name = ? AND c.status = 'WAITING'", desk.inbox()));

        var offers = longs("SELECT id FROM offer WHERE agent_id = ? AND status = 'PENDING'", desk.ada());
        offers.forEach(offer -> routing.accept(desk.ada(), offer));
        long held = longs("SELECT id FROM conversation WHERE assignee_id = ? AND status = 'ASSIGNED'", desk.ada())
                .get(0);
        lifecycle.close(held, desk.ada());
        await("the freed place goes to the next in the queue",
                () -> count("SELECT COUNT(*) FROM offer WHERE agent_id = ? AND status = 'PENDING'", desk.ada()) == 1);
        assertEquals(2L, load(desk.ada()));
    }

    @Test
    public void routersRacingForOneConversationMakeExactlyOneOffer() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 5);
        long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "race")
                .conversationId();
        // Both offline so far: the conversation waits. Now everyone routes it at once, the queue's consumers too.
        online(desk.ada(), desk.bob());
        runAtOnce(LongStream.range(0, 8).<Runnable>mapToObj(i -> () -> router.route(conversation, true)).toList());

        await("an offer", () -> count("SELECT COUNT(*) FROM offer WHERE conversation_id = ?", conversation) > 0);
        Thread.sleep(1000);
        assertEquals(1L, count("SELECT COUNT(*) FROM offer WHERE conversation_id = ?", conversation));
        assertEquals("OFFERED", status(conversation));
    }

    /**
     * Two offers of one agent expiring at once both move on (each to the same agent again, the only one online).
     * Deciding an offer took a shared lock on its agent's row (the foreign key's index held the offer's status),
     * and the router then asked for the exclusive one: the two expiries deadlocked, and one was rolled back.
     */
    @Test
    public void offersOfOneAgentExpiringAtOnceBothMoveOn() throws Exception {
        for (int round = 1; round <= 5; round++) {
            var desk = desk(AssignmentMode.AUTO, 30, 5);
            online(desk.ada());
            var offers = new ArrayList<Long>();
            for (int i = 0; i < 2; i++) {
                long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "expire")
                        .conversationId();
                offers.add(pendingOffer(conversation, desk.ada()));
            }
            try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(
                    "UPDATE offer SET deadline = ? WHERE id IN (?, ?)")) {
                statement.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
                statement.setLong(2, offers.get(0));
                statement.setLong(3, offers.get(1));
                statement.executeUpdate();
            }
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            runAtOnce(offers.stream().<Runnable>map(offer -> () -> {
                try {
                    router.expire(offer);
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
            }).toList());
            int finished = round;
            assertTrue(failures.isEmpty(), () -> "round " + finished + ": " + failures);
            for (var offer : offers) {
                assertEquals("EXPIRED", rows("SELECT status FROM offer WHERE id = ?", offer).get(0).get(0));
            }
            assertEquals(2L, count("SELECT COUNT(*) FROM offer WHERE agent_id = ? AND status = 'PENDING'",
                    desk.ada()), "both offered to her again");
        }
    }

    @Test
    public void anAcceptRacingTheDeadlineEndsWithOneOutcome() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 20);
        online(desk.ada());
        for (int round = 0; round < 5; round++) {
            long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "tick")
                    .conversationId();
            long offer = pendingOffer(conversation, desk.ada());
            try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(
                    "UPDATE offer SET deadline = ? WHERE id = ?")) {
                statement.setTimestamp(1, Timestamp.from(Instant.now().plusMillis(30)));
                statement.setLong(2, offer);
                statement.executeUpdate();
            }
            var accepted = new ConcurrentLinkedQueue<Boolean>();
            runAtOnce(List.of(() -> {
                try {
                    routing.accept(desk.ada(), offer);
                    accepted.add(true);
                } catch (RequestRejectedException e) {
                    accepted.add(false);
                }
            }, () -> router.expire(offer)));
            await("the deadline was handled", () -> !"PENDING".equals(
                    rows("SELECT status FROM offer WHERE id = ?", offer).get(0).get(0)));

            var outcome = rows("SELECT o.status, c.assignee_id FROM offer o JOIN conversation c "
                    + "ON c.id = o.conversation_id WHERE o.id = ?", offer).get(0);
            if (accepted.peek()) {
                assertEquals(List.of("ACCEPTED", String.valueOf(desk.ada())), outcome, "round " + round);
            } else {
                assertEquals("EXPIRED", outcome.get(0), "round " + round);
                assertNotEquals(String.valueOf(desk.ada()), outcome.get(1), "round " + round);
            }
        }
    }

    @Test
    public void inABroadcastInboxEveryoneSeesItAndTheFirstToTakeItWins() throws Exception {
        var desk = desk(AssignmentMode.BROADCAST, 30, 5);
        online(desk.ada(), desk.bob());
        long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "anyone?")
                .conversationId();
        await("broadcast", () -> routing.decisions(firstAdmin(), conversation).stream()
                .anyMatch(d -> d.outcome().equals("BROADCAST")));
        assertEquals(0L, count("SELECT COUNT(*) FROM offer WHERE conversation_id = ?", conversation));

        var refusals = new ConcurrentLinkedQueue<String>();
        runAtOnce(List.of(desk.ada(), desk.bob()).stream().<Runnable>map(agent -> () -> {
            try {
                routing.take(agent, conversation);
            } catch (RequestRejectedException e) {
                refusals.add(e.code());
            }
        }).toList());

        assertEquals(List.of("conversation.taken"), List.copyOf(refusals));
        assertEquals("ASSIGNED", status(conversation));
    }

    @Test
    public void aManualInboxWaitsForASupervisorWhoGoesOverCapacityOnlyWhenConfirming() throws Exception {
        var desk = desk(AssignmentMode.MANUAL, 30, 1);
        online(desk.ada());
        var supervisor = agents.create(new NewAgent("sue." + UUID.randomUUID() + "@example.com", "Sue",
                "sue password!", Set.of(Role.SUPERVISOR))).id();
        long first = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "one").conversationId();
        long second = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "two").conversationId();
        await("both wait for a supervisor", () -> count("SELECT COUNT(*) FROM routing_decision "
                + "WHERE conversation_id IN (?, ?) AND outcome = 'MANUAL'", first, second) == 2);

        assertEquals("conversation.reassign-forbidden", assertThrows(RequestRejectedException.class,
                () -> routing.assign(desk.bob(), first, desk.ada(), false)).code());
        assertNull(routing.assign(supervisor, first, desk.ada(), false).warning());
        assertEquals("agent.full", assertThrows(RequestRejectedException.class,
                () -> routing.assign(supervisor, second, desk.ada(), false)).code());
        assertEquals("WAITING", status(second));
        var over = routing.assign(supervisor, second, desk.ada(), true);
        assertTrue(over.warning().contains("over capacity"), over.warning());
        assertEquals(2L, count("SELECT COUNT(*) FROM conversation WHERE assignee_id = ? AND status = 'ASSIGNED'",
                desk.ada()));
    }

    @Test
    public void anAgentWhoGoesAwayHandsTheirPendingOfferOn() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 5);
        online(desk.ada());
        long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "hi")
                .conversationId();
        long offer = pendingOffer(conversation, desk.ada());
        agents.changePresence(desk.bob(), Presence.ONLINE);

        agents.changePresence(desk.ada(), Presence.AWAY);

        pendingOffer(conversation, desk.bob());
        assertEquals("CANCELLED", rows("SELECT status FROM offer WHERE id = ?", offer).get(0).get(0));
    }

    @Test
    public void eachWaitingVisitorKnowsTheirPlaceInTheQueue() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 1);
        var tokens = List.of(visitors.registerAnonymous(), visitors.registerAnonymous(), visitors.registerAnonymous());
        var conversations = new ArrayList<Long>();
        for (var token : tokens) {
            conversations.add(visitorMessages.post(desk.inbox(), token, "in line").conversationId());
        }
        for (int i = 0; i < 3; i++) {
            var position = routing.queuePosition(tokens.get(i), conversations.get(i)).orElseThrow();
            assertEquals(i + 1, position.place());
            assertEquals(3, position.waiting());
            assertNull(position.estimatedWait(), "no pace known yet in a new inbox");
        }
        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> routing.queuePosition(tokens.get(0), conversations.get(1))).code());
        // Each routing request has been handled (nobody there): Ada coming online then drains the queue from its
        // head, where a request still on its way could hand her a later conversation.
        await("all three routed once", () -> count("SELECT COUNT(DISTINCT conversation_id) FROM routing_decision "
                + "WHERE conversation_id IN (?, ?, ?)", conversations.toArray()) == 3);

        online(desk.ada());
        pendingOffer(conversations.get(0), desk.ada());

        assertTrue(routing.queuePosition(tokens.get(0), conversations.get(0)).isEmpty(), "offered: out of the queue");
        assertEquals(1, routing.queuePosition(tokens.get(1), conversations.get(1)).orElseThrow().place());
        assertEquals(2, routing.queuePosition(tokens.get(2), conversations.get(2)).orElseThrow().waiting());
    }

    @Test
    public void aWaitingConversationWhoseRoutingRequestWasLostIsRoutedByTheSweeper() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 1);
        long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "anyone?")
                .conversationId();
        await("routed once", () -> count("SELECT COUNT(*) FROM routing_decision WHERE conversation_id = ?",
                conversation) == 1);
        // As if its routing request had been lost: queued a minute ago, never looked at by the router.
        try (var connection = dataSource().getConnection()) {
            try (var statement = connection.prepareStatement(
                    "DELETE FROM routing_decision WHERE conversation_id = ?")) {
                statement.setLong(1, conversation);
                assertEquals(1, statement.executeUpdate());
            }
            try (var statement = connection.prepareStatement("UPDATE conversation SET queued_at = ? WHERE id = ?")) {
                statement.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(60)));
                statement.setLong(2, conversation);
                assertEquals(1, statement.executeUpdate());
            }
        }
        // The sweeper runs twice a minute.
        await("the sweeper routes it", Duration.ofSeconds(45), () -> count(
                "SELECT COUNT(*) FROM routing_decision WHERE conversation_id = ? AND outcome = 'WAITING'",
                conversation) == 1);
        assertEquals("WAITING", status(conversation), "nobody is online: it waits, now with its explanation");
    }

    @Test
    public void theHolderTransfersToAColleagueWhoAcceptsAndThenAloneReadsIt() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 5);
        online(desk.ada());
        var token = visitors.registerAnonymous();
        long conversation = visitorMessages.post(desk.inbox(), token, "help").conversationId();
        routing.accept(desk.ada(), pendingOffer(conversation, desk.ada()));

        assertEquals("conversation.reassign-forbidden", assertThrows(RequestRejectedException.class,
                () -> routing.transferToAgent(desk.bob(), conversation, desk.bob())).code());
        assertEquals("agent.unavailable", assertThrows(RequestRejectedException.class,
                () -> routing.transferToAgent(desk.ada(), conversation, desk.bob())).code(), "Bob is offline");
        var outsider = agents.create(new NewAgent("out." + UUID.randomUUID() + "@example.com", "Out",
                "out password!", Set.of(Role.AGENT))).id();
        assertEquals("inbox.not-member", assertThrows(RequestRejectedException.class,
                () -> routing.transferToAgent(desk.ada(), conversation, outsider)).code());

        online(desk.bob());
        var transfer = routing.transferToAgent(desk.ada(), conversation, desk.bob());
        assertEquals(List.of(List.of("OFFERED")), rows("SELECT status FROM conversation WHERE id = ? "
                + "AND assignee_id IS NULL", conversation), "Ada let go; Bob has an offer");
        routing.accept(desk.bob(), transfer.offerId());

        assertEquals(String.valueOf(desk.bob()), rows("SELECT assignee_id FROM conversation WHERE id = ?",
                conversation).get(0).get(0));
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> transcripts.forAgent(desk.ada(), conversation)).code(), "Ada lost the history");
        assertTrue(routing.decisions(firstAdmin(), conversation).stream().anyMatch(d -> d.outcome().equals("OFFERED")
                && d.explanation().equals("Ada transferred it to Bob.")));
    }

    @Test
    public void aConversationMovedToAnotherInboxIsRoutedThereAndTheVisitorKeepsIt() throws Exception {
        var first = desk(AssignmentMode.AUTO, 30, 5);
        var second = desk(AssignmentMode.AUTO, 30, 5);
        online(first.ada(), second.bob());
        var token = visitors.registerAnonymous();
        long conversation = visitorMessages.post(first.inbox(), token, "billing question").conversationId();
        routing.accept(first.ada(), pendingOffer(conversation, first.ada()));
        long secondInbox = inboxes.findByName(second.inbox()).orElseThrow().getId();

        routing.transferToInbox(first.ada(), conversation, secondInbox);

        pendingOffer(conversation, second.bob());
        assertEquals(secondInbox, count("SELECT inbox_id FROM conversation WHERE id = ?", conversation));
        assertEquals(conversation, visitorMessages.post(first.inbox(), token, "still me").conversationId(),
                "the visitor writes through the widget they started in and reaches the moved conversation");
        assertEquals("transfer.same-inbox", assertThrows(RequestRejectedException.class,
                () -> routing.transferToInbox(firstAdmin(), conversation, secondInbox)).code());
    }

    @Test
    public void aClosedConversationChangesHandsAndStaysClosed() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 5);
        online(desk.ada());
        long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "thanks, bye")
                .conversationId();
        routing.accept(desk.ada(), pendingOffer(conversation, desk.ada()));
        lifecycle.close(conversation, desk.ada());

        var transfer = routing.transferToAgent(desk.ada(), conversation, desk.bob());

        assertNull(transfer.offerId(), "handed over directly, even to an offline colleague");
        assertEquals(List.of(List.of("CLOSED", String.valueOf(desk.bob()))),
                rows("SELECT status, assignee_id FROM conversation WHERE id = ?", conversation));
    }

    @Test
    public void anInvitedColleagueAcceptsAndTakesPartWhileTheHolderStays() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 5);
        online(desk.ada(), desk.bob());
        var token = visitors.registerAnonymous();
        long conversation = visitorMessages.post(desk.inbox(), token, "tricky one").conversationId();
        routing.accept(desk.ada(), pendingOffer(conversation, desk.ada()));

        assertEquals("conversation.invite-forbidden", assertThrows(RequestRejectedException.class,
                () -> invitations.invite(desk.bob(), conversation, desk.bob(), false)).code());
        var invitation = invitations.invite(desk.ada(), conversation, desk.bob(), false);
        assertEquals("invitation.pending", assertThrows(RequestRejectedException.class,
                () -> invitations.invite(desk.ada(), conversation, firstAdmin(), false)).code(),
                "one pending invitation at a time");
        assertEquals("invitation.unknown", assertThrows(RequestRejectedException.class,
                () -> invitations.accept(desk.ada(), invitation.id())).code());

        assertEquals("ACCEPTED", invitations.accept(desk.bob(), invitation.id()).status());

        assertEquals(String.valueOf(desk.ada()), rows("SELECT assignee_id FROM conversation WHERE id = ?",
                conversation).get(0).get(0), "Ada stays");
        agentMessages.note(conversation, desk.bob(), "Between us: check the invoice first.");
        agentMessages.reply(conversation, desk.bob(), "Hi, Bob from billing here.", null);
        assertTrue(transcripts.forAgent(desk.bob(), conversation).stream()
                .anyMatch(e -> e.text().startsWith("Between us")));
        assertTrue(transcripts.forVisitor(token, conversation).stream()
                .noneMatch(e -> e.text().startsWith("Between us")), "the visitor never sees the private note");
        assertTrue(transcripts.forVisitor(token, conversation).stream()
                .anyMatch(e -> e.text().equals("Hi, Bob from billing here.")), "Bob's reply reaches the visitor");
    }

    @Test
    public void anInviterWhoLeavesHandsTheConversationToTheInvitee() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 5);
        online(desk.ada(), desk.bob());
        long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "hand me over")
                .conversationId();
        routing.accept(desk.ada(), pendingOffer(conversation, desk.ada()));

        var invitation = invitations.invite(desk.ada(), conversation, desk.bob(), true);
        invitations.accept(desk.bob(), invitation.id());

        assertEquals(String.valueOf(desk.bob()), rows("SELECT assignee_id FROM conversation WHERE id = ?",
                conversation).get(0).get(0));
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> transcripts.forAgent(desk.ada(), conversation)).code(), "Ada left it");
    }

    @Test
    public void aDeclinedOrExpiredInvitationChangesNothing() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 5, 5);
        online(desk.ada(), desk.bob());
        long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "hm")
                .conversationId();
        routing.accept(desk.ada(), pendingOffer(conversation, desk.ada()));

        var declined = invitations.invite(desk.ada(), conversation, desk.bob(), false);
        assertEquals("REJECTED", invitations.decline(desk.bob(), declined.id()).status());
        var unanswered = invitations.invite(desk.ada(), conversation, desk.bob(), true);
        await("the invitation expires after 5 s", () -> "EXPIRED".equals(
                rows("SELECT status FROM invitation WHERE id = ?", unanswered.id()).get(0).get(0)));

        assertEquals("invitation.decided", assertThrows(RequestRejectedException.class,
                () -> invitations.accept(desk.bob(), unanswered.id())).code());
        assertEquals(String.valueOf(desk.ada()), rows("SELECT assignee_id FROM conversation WHERE id = ?",
                conversation).get(0).get(0));
        assertEquals(0L, count("SELECT COUNT(*) FROM conversation_participant WHERE conversation_id = ?",
                conversation));
    }

    @Test
    public void aRandomAvailableMemberOfAnInboxIsInvited() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 5);
        var experts = desk(AssignmentMode.AUTO, 30, 5);
        online(desk.ada());
        long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "expert please")
                .conversationId();
        routing.accept(desk.ada(), pendingOffer(conversation, desk.ada()));
        long expertsInbox = inboxes.findByName(experts.inbox()).orElseThrow().getId();

        assertEquals("invitation.nobody-available", assertThrows(RequestRejectedException.class,
                () -> invitations.inviteFromInbox(desk.ada(), conversation, expertsInbox, false)).code());
        online(experts.bob());
        var invitation = invitations.inviteFromInbox(desk.ada(), conversation, expertsInbox, false);

        assertEquals(experts.bob(), invitation.inviteeId(), "the only one online of that inbox");
    }

    @Test
    public void onlyAnInboxThatSaysSoReroutesTheConversationsOfAnAgentWhoWentOffline() throws Exception {
        var rerouting = inboxes.create(new InboxSettings("Rerouting " + UUID.randomUUID(), AssignmentMode.AUTO,
                Duration.ofSeconds(30), null, null, null, null, true));
        var keeping = desk(AssignmentMode.AUTO, 30, 5);
        inboxes.addMember(rerouting.id(), keeping.ada(), 5);
        inboxes.addMember(rerouting.id(), keeping.bob(), 5);
        online(keeping.ada());
        long moving = visitorMessages.post(rerouting.settings().name(), visitors.registerAnonymous(), "one")
                .conversationId();
        routing.accept(keeping.ada(), pendingOffer(moving, keeping.ada()));
        long staying = visitorMessages.post(keeping.inbox(), visitors.registerAnonymous(), "two")
                .conversationId();
        routing.accept(keeping.ada(), pendingOffer(staying, keeping.ada()));
        online(keeping.bob());

        agents.changePresence(keeping.ada(), Presence.OFFLINE);

        pendingOffer(moving, keeping.bob());
        assertTrue(routing.decisions(firstAdmin(), moving).stream().anyMatch(d -> d.outcome().equals("RELEASED")));
        assertEquals(List.of(List.of("ASSIGNED", String.valueOf(keeping.ada()))),
                rows("SELECT status, assignee_id FROM conversation WHERE id = ?", staying),
                "an inbox without the setting keeps it with Ada until she is back");
    }

    @Test
    public void anAgentWhoseLastSocketClosedGoesOfflineAfterTheGracePeriodUnlessTheyCameBack() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 5);
        online(desk.ada(), desk.bob());
        long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "anyone?")
                .conversationId();
        long offer = pendingOffer(conversation, desk.ada());
        connections.opened(desk.ada());
        connections.opened(desk.bob());
        connections.opened(desk.bob());

        connections.closed(desk.ada());
        connections.closed(desk.bob());
        assertEquals(1L, connections.liveSockets(desk.bob()), "Bob's second tab is still open");

        await("Ada offline after the 2 s grace", () -> "OFFLINE".equals(
                rows("SELECT presence FROM agent WHERE id = ?", desk.ada()).get(0).get(0)));
        pendingOffer(conversation, desk.bob());
        assertEquals("CANCELLED", rows("SELECT status FROM offer WHERE id = ?", offer).get(0).get(0),
                "her offer moved on");

        connections.closed(desk.bob());
        connections.opened(desk.bob());
        Thread.sleep(3000);
        assertEquals("ONLINE", rows("SELECT presence FROM agent WHERE id = ?", desk.bob()).get(0).get(0),
                "a reload within the grace period changes nothing");
    }

    @Test
    public void anAgentWhoseSocketsDiedWithTheirNodeGoesOffline() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 30, 5);
        online(desk.ada(), desk.bob());
        connections.opened(desk.bob());
        // As a node that was killed leaves it: Ada's socket counted on it, and it has not beaten for ten minutes.
        var dead = "dead-node-" + UUID.randomUUID();
        try (var connection = dataSource().getConnection()) {
            try (var node = connection.prepareStatement(
                    "INSERT INTO cluster_node (name, started_at, last_seen) VALUES (?, ?, ?)")) {
                node.setString(1, dead);
                node.setTimestamp(2, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
                node.setTimestamp(3, Timestamp.from(Instant.now().minus(Duration.ofMinutes(10))));
                node.executeUpdate();
            }
            try (var socket = connection.prepareStatement(
                    "INSERT INTO agent_connection (agent_id, node_name, sockets, updated_at) VALUES (?, ?, 1, ?)")) {
                socket.setLong(1, desk.ada());
                socket.setString(2, dead);
                socket.setTimestamp(3, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
                socket.executeUpdate();
            }
        }

        // Every node sweeps every 15 s.
        await("Ada offline: her only socket was on the dead node", Duration.ofSeconds(40), () -> "OFFLINE".equals(
                rows("SELECT presence FROM agent WHERE id = ?", desk.ada()).get(0).get(0)));
        assertEquals(0L, count("SELECT COUNT(*) FROM agent_connection WHERE node_name = ?", dead),
                "the dead node's sockets are forgotten");
        assertEquals("ONLINE", rows("SELECT presence FROM agent WHERE id = ?", desk.bob()).get(0).get(0),
                "Bob's socket is on a live node");
    }

    // o. Inactivity (one policy "minute" lasts a second in this suite: SWITCHBOARD_INACTIVITY_UNIT) ----------------

    @Test
    public void aVisitorWaitingForAnAgentIsNeverToldTheyWereInactive() throws Exception {
        var inbox = inboxWithInactivity(new InactivityPolicy(1, InactivityAction.SEND_MESSAGE_AND_CLOSE, "Bye!"));
        var token = visitors.registerAnonymous();
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
        var inbox = inboxWithInactivity(new InactivityPolicy(1, InactivityAction.SEND_MESSAGE, "Still there?"));
        var token = visitors.registerAnonymous();
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
        var inbox = inboxWithInactivity(new InactivityPolicy(3, InactivityAction.CLOSE, null));
        var token = visitors.registerAnonymous();
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
        var inbox = inboxWithInactivity(new InactivityPolicy(1, InactivityAction.SEND_MESSAGE_AND_CLOSE, "Bye!"));
        long conversation = visitorMessages.post(inbox, visitors.registerAnonymous(), "hi").conversationId();
        agentMessages.reply(conversation, firstAdmin(), "Hello, what can I do for you?", null);
        await("closed with a goodbye", () -> "CLOSED".equals(status(conversation)));
        assertEquals(List.of(List.of("SYSTEM", "Bye!")), rows("SELECT author_type, body FROM message "
                + "WHERE conversation_id = ? AND seq = 3", conversation));

        // A deadline whose timer died with its node: only the sweeper knows about it.
        long orphan = visitorMessages.post(inbox, visitors.registerAnonymous(), "hi").conversationId();
        agentMessages.reply(orphan, firstAdmin(), "Hello?", null);
        // And one written before inactivity counted from the agent's message: its visitor still waits for an answer.
        long waiting = visitorMessages.post(inbox, visitors.registerAnonymous(), "hi").conversationId();
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

    private String inboxWithInactivity(InactivityPolicy policy) {
        return inboxes.create(new InboxSettings("Quiet " + UUID.randomUUID(), AssignmentMode.AUTO,
                Duration.ofSeconds(30), policy, null, null, null)).settings().name();
    }

    /** A fresh inbox in the given mode with two members, Ada and Bob, both offline so far. */
    private Team desk(AssignmentMode mode, int reassignmentSeconds, int capacity) {
        var inbox = inboxes.create(new InboxSettings("Desk " + UUID.randomUUID(), mode,
                Duration.ofSeconds(reassignmentSeconds), null, null, null, null));
        var ada = agents.create(new NewAgent("ada." + UUID.randomUUID() + "@example.com", "Ada", "ada password!",
                Set.of(Role.AGENT))).id();
        var bob = agents.create(new NewAgent("bob." + UUID.randomUUID() + "@example.com", "Bob", "bob password!",
                Set.of(Role.AGENT))).id();
        inboxes.addMember(inbox.id(), ada, capacity);
        inboxes.addMember(inbox.id(), bob, capacity);
        return new Team(inbox.settings().name(), ada, bob);
    }

    private void online(long... agentIds) {
        for (var id : agentIds) {
            agents.changePresence(id, Presence.ONLINE);
        }
    }

    /** Waits for the conversation's pending offer to this agent and returns its id. */
    private static long pendingOffer(long conversation, long agent) throws Exception {
        await("a pending offer of conversation " + conversation + " to agent " + agent, () -> count(
                "SELECT COUNT(*) FROM offer WHERE conversation_id = ? AND agent_id = ? AND status = 'PENDING'",
                conversation, agent) == 1);
        return count("SELECT id FROM offer WHERE conversation_id = ? AND agent_id = ? AND status = 'PENDING'",
                conversation, agent);
    }

    // p. JMS inbound: legacy systems post on switchboard.inbound (docs/JMS-CONTRACT.md) -----------------------------

    @Test
    public void jmsVisitorMessageOpensAJmsConversationAndEachExternalIdActsOnce() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Legacy " + UUID.randomUUID())).settings().name();
        var customer = "cust-" + UUID.randomUUID();
        var first = "crm-" + UUID.randomUUID();
        var visitorMessage = """
                {"type":"visitor.message","externalId":"%s","inbox":"%s",
                 "visitor":{"externalId":"%s","name":"Ada Legacy","email":"Ada@Example.com"},"text":"%s"}""";
        try (var client = QueueClient.connect()) {
            // Twice without the broker's duplicate header: the database's key keeps it to one message.
            client.sendText(InboundQueues.INBOUND, visitorMessage.formatted(first, inbox, customer, "hello"), Map.of());
            client.sendText(InboundQueues.INBOUND, visitorMessage.formatted(first, inbox, customer, "hello"), Map.of());
            // Twice with it, as the contract asks senders to do: the broker drops the second.
            var second = "crm-" + UUID.randomUUID();
            for (int i = 0; i < 2; i++) {
                client.sendText(InboundQueues.INBOUND, visitorMessage.formatted(second, inbox, customer, "again"),
                        Map.of(QueueClient.DUPLICATE_ID, second));
            }
            await("both inbound messages handled", () -> count(
                    "SELECT COUNT(*) FROM inbound_message WHERE external_id IN (?, ?)", first, second) == 2);
        }
        Thread.sleep(1500); // room for a duplicate to do harm, if it could

        var conversation = count("SELECT c.id FROM conversation c JOIN visitor v ON v.id = c.visitor_id "
                + "WHERE v.source_external_id = ?", customer);
        // Several consumers take the queue at once: the two may be handled in either order.
        assertEquals(List.of(List.of("VISITOR", "again"), List.of("VISITOR", "hello")),
                rows("SELECT author_type, body FROM message WHERE conversation_id = ? ORDER BY body", conversation));
        assertEquals(List.of(1L, 2L), longs("SELECT seq FROM message WHERE conversation_id = ? ORDER BY seq",
                conversation));
        assertEquals(List.of(List.of("JMS", "WAITING")),
                rows("SELECT channel, status FROM conversation WHERE id = ?", conversation));
        assertEquals(List.of(List.of("Ada Legacy", "ada@example.com", "false")), rows(
                "SELECT display_name, email, identity_verified FROM visitor WHERE source_external_id = ?", customer));
        assertEquals(List.of(String.valueOf(conversation), "visitor.message"), rows(
                "SELECT conversation_id, message_type FROM inbound_message WHERE external_id = ?", first).get(0));
    }

    @Test
    public void jmsSystemMessagesAndCloseReachTheConversationByIdOrByVisitorAndInbox() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Legacy " + UUID.randomUUID())).settings().name();
        var customer = "cust-" + UUID.randomUUID();
        try (var client = QueueClient.connect()) {
            var opened = inbound(client, """
                    {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"where is my order?"}""", inbox, customer);
            long conversation = count("SELECT conversation_id FROM inbound_message WHERE external_id = ?", opened);

            inbound(client, """
                    {"type":"system.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"Order 17 shipped"}""", inbox, customer);
            inbound(client, """
                    {"type":"system.message","externalId":"%s","conversationId":%d,"text":"Delivery tomorrow"}""",
                    conversation);
            inbound(client, """
                    {"type":"conversation.close","externalId":"%s","conversationId":%d}""", conversation);
            assertEquals("CLOSED", status(conversation));
            assertEquals(List.of(List.of("1", "VISITOR"), List.of("2", "SYSTEM"), List.of("3", "SYSTEM")),
                    rows("SELECT seq, author_type FROM message WHERE conversation_id = ? ORDER BY seq", conversation));

            inbound(client, """
                    {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"one more thing"}""", inbox, customer);
            assertNotEquals("CLOSED", status(conversation), "the visitor's next message reopens it");
            assertEquals(4L, count("SELECT MAX(seq) FROM message WHERE conversation_id = ?", conversation));
            assertEquals(1L, count("SELECT COUNT(*) FROM conversation c JOIN visitor v ON v.id = c.visitor_id "
                    + "WHERE v.source_external_id = ?", customer));
        }
    }

    @Test
    public void jmsPoisonMessagesGoToTheDeadLetterQueueWithTheirReasonAndTheQueueKeepsFlowing() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Legacy " + UUID.randomUUID())).settings().name();
        var run = UUID.randomUUID().toString();
        var strangerInUnknownInbox = "cust-" + UUID.randomUUID();
        var refused = new LinkedHashMap<String, String>();
        refused.put("not json", "inbound.not-json:");
        refused.put("""
                {"type":"order.created","externalId":"%s"}""".formatted(UUID.randomUUID()), "inbound.type-unknown:");
        refused.put("""
                {"type":"visitor.message","inbox":"%s","visitor":{"externalId":"c"},"text":"no id"}"""
                .formatted(inbox), "inbound.external-id:");
        refused.put("""
                {"type":"visitor.message","externalId":"%s","inbox":"No such inbox %s",
                 "visitor":{"externalId":"%s"},"text":"hello?"}""".formatted(UUID.randomUUID(), run,
                strangerInUnknownInbox), "inbox.unknown:");
        refused.put("""
                {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"c-%s"},
                 "text":"   "}""".formatted(UUID.randomUUID(), inbox, run), "message.empty:");
        refused.put("""
                {"type":"system.message","externalId":"%s","conversationId":999999999,"text":"hi"}"""
                .formatted(UUID.randomUUID()), "conversation.unknown:");
        var customer = "cust-" + UUID.randomUUID();
        try (var client = QueueClient.connect()) {
            int n = 0;
            for (var body : refused.keySet()) {
                client.sendText(InboundQueues.INBOUND, body, Map.of("test_run", run, "test_case", "text-" + n++));
            }
            var bytes = client.session().createBytesMessage();
            bytes.writeBytes("{\"type\":\"visitor.message\"}".getBytes(StandardCharsets.UTF_8));
            client.send(InboundQueues.INBOUND, bytes, Map.of("test_run", run, "test_case", "bytes"));
            client.send(InboundQueues.INBOUND, client.session().createObjectMessage(new java.util.Date()),
                    Map.of("test_run", run, "test_case", "object"));
            var good = inbound(client, """
                    {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"after the poison"}""", inbox, customer);
            assertEquals(1L, count("SELECT COUNT(*) FROM message m JOIN inbound_message i "
                    + "ON i.conversation_id = m.conversation_id WHERE i.external_id = ?", good));

            var selector = "test_run = '" + run + "'";
            var dead = client.receive(InboundQueues.DEAD_LETTERS, selector, refused.size() + 2, Duration.ofSeconds(20));
            dead.addAll(client.receive(InboundQueues.DEAD_LETTERS, selector, 1, Duration.ofSeconds(2)));
            var reasons = new HashMap<String, String>();
            for (var message : dead) {
                reasons.put(message.getStringProperty("test_case"),
                        message.getStringProperty(Destinations.REASON_PROPERTY));
            }
            assertEquals(refused.size() + 2, dead.size(), "one dead letter per refused message: " + reasons);
            var expected = new ArrayList<>(refused.values());
            for (int i = 0; i < expected.size(); i++) {
                var reason = reasons.get("text-" + i);
                assertTrue(reason != null && reason.startsWith(expected.get(i)), "case " + i + ": " + reason);
            }
            for (var message : dead) {
                if (message.getStringProperty("test_case").startsWith("text-")) {
                    int i = Integer.parseInt(message.getStringProperty("test_case").substring(5));
                    assertEquals(new ArrayList<>(refused.keySet()).get(i),
                            ((jakarta.jms.TextMessage) message).getText(), "the original body travels along");
                }
            }
            assertTrue(reasons.get("bytes").startsWith("inbound.not-text:"), reasons.get("bytes"));
            assertTrue(reasons.get("object").startsWith("inbound.not-text:"), reasons.get("object"));
            var deadBytes = (jakarta.jms.BytesMessage) dead.stream()
                    .filter(m -> "bytes".equals(property(m, "test_case"))).findFirst().orElseThrow();
            var copied = new byte[(int) deadBytes.getBodyLength()];
            deadBytes.readBytes(copied);
            assertEquals("{\"type\":\"visitor.message\"}", new String(copied, StandardCharsets.UTF_8));
            var deadObject = dead.stream().filter(m -> "object".equals(property(m, "test_case"))).findFirst()
                    .orElseThrow();
            assertEquals("ObjectMessage", deadObject.getStringProperty("switchboard_original_type"));
            assertFalse(deadObject instanceof jakarta.jms.ObjectMessage, "never deserialised, never copied as such");
        }
        assertEquals(0L, count("SELECT COUNT(*) FROM visitor WHERE source_external_id = ?", strangerInUnknownInbox),
                "a refused message stores nothing, not even its visitor");
        assertEquals(0L, count("SELECT COUNT(*) FROM visitor WHERE source_external_id = ?", "c-" + run));
    }

    @Test
    public void jmsABurstWithEveryMessageSentTwiceLosesNothingAndDuplicatesNothing() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Legacy " + UUID.randomUUID())).settings().name();
        var run = UUID.randomUUID().toString();
        int customers = 4;
        int each = 10;
        try (var client = QueueClient.connect()) {
            // Every customer is new: their first messages race to create them (the losers are redelivered).
            for (int i = 0; i < each; i++) {
                for (int c = 0; c < customers; c++) {
                    var body = """
                            {"type":"visitor.message","externalId":"%s-%d-%d","inbox":"%s",
                             "visitor":{"externalId":"%s-%d"},"text":"message %d"}"""
                            .formatted(run, c, i, inbox, run, c, i);
                    client.sendText(InboundQueues.INBOUND, body, Map.of());
                    client.sendText(InboundQueues.INBOUND, body, Map.of());
                }
            }
        }
        await("every inbound message handled", Duration.ofSeconds(90), () -> count(
                "SELECT COUNT(*) FROM inbound_message WHERE external_id LIKE ?", run + "-%") == customers * each);
        Thread.sleep(1500); // room for a duplicate to do harm, if it could

        for (int c = 0; c < customers; c++) {
            var customer = run + "-" + c;
            assertEquals(List.of(List.of("1", String.valueOf(each), "1", String.valueOf(each),
                    String.valueOf(each))), rows("SELECT COUNT(DISTINCT c.id), COUNT(*), MIN(m.seq), MAX(m.seq), "
                    + "COUNT(DISTINCT m.body) FROM message m JOIN conversation c ON c.id = m.conversation_id "
                    + "JOIN visitor v ON v.id = c.visitor_id WHERE v.source_external_id = ?", customer),
                    "one conversation, each message once, gap-free: " + customer);
        }
        assertEquals(0L, count("SELECT COUNT(*) FROM message WHERE conversation_id IN (SELECT conversation_id FROM "
                + "inbound_message WHERE external_id LIKE ?) AND author_type <> 'VISITOR'", run + "-%"));
    }

    @Test
    public void jmsOutboundEventsFollowTheConversationInItsOwnOrderWithTheInboundCorrelationAndNoNotes()
            throws Exception {
        var desk = desk(AssignmentMode.AUTO, 60, 2);
        online(desk.ada());
        var customer = "cust-" + UUID.randomUUID();
        try (var events = TopicSubscriber.subscribe(Destinations.EVENTS); var client = QueueClient.connect()) {
            var opening = inbound(client, """
                    {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"where is my order?"}""", desk.inbox(), customer);
            long conversation = count("SELECT conversation_id FROM inbound_message WHERE external_id = ?", opening);
            routing.accept(desk.ada(), pendingOffer(conversation, desk.ada()));
            agentMessages.note(conversation, desk.ada(), "secret: a private note");
            agentMessages.reply(conversation, desk.ada(), "It left today", null);
            participants.handOn(conversation, desk.ada(), desk.bob());
            var closing = inbound(client, """
                    {"type":"conversation.close","externalId":"%s","conversationId":%d}""", conversation);
            lifecycle.archive(conversation, firstAdmin());

            var received = new ArrayList<JsonObject>();
            while (received.isEmpty() || !"conversation.archived".equals(received.get(received.size() - 1)
                    .getString("type"))) {
                var next = events.await(body -> json(body).getJsonNumber("conversationId").longValue()
                        == conversation, Duration.ofSeconds(20));
                assertTrue(next.isPresent(), "events so far: " + received);
                received.add(json(next.get()));
            }
            received.sort(java.util.Comparator.comparingLong(e -> e.getJsonNumber("seq").longValue()));
            assertEquals(List.of("conversation.created", "message.created", "conversation.queued", "offer.created",
                    "conversation.assigned", "message.created", "conversation.assigned", "conversation.closed",
                    "conversation.archived"),
                    received.stream().map(e -> e.getString("type")).toList(), received.toString());
            assertEquals(LongStream.rangeClosed(1, 9).boxed().toList(),
                    received.stream().map(e -> e.getJsonNumber("seq").longValue()).toList(), "gap-free, from 1");
            received.forEach(e -> assertEquals(opening, e.getString("conversationExternalId"), e.toString()));
            assertEquals(opening, received.get(0).getString("externalId"));
            assertEquals(customer, received.get(0).getString("visitorExternalId"));
            assertEquals(opening, received.get(1).getString("externalId"));
            assertEquals("VISITOR", received.get(1).getString("author"));
            assertFalse(received.get(3).containsKey("externalId"), "routing acts on its own");
            assertEquals(desk.ada(), received.get(3).getJsonNumber("agentId").longValue());
            assertEquals(desk.ada(), received.get(4).getJsonNumber("agentId").longValue());
            assertEquals(List.of("AGENT", "It left today"), List.of(received.get(5).getString("author"),
                    received.get(5).getString("text")));
            assertEquals(desk.bob(), received.get(6).getJsonNumber("agentId").longValue(), "handed on directly");
            assertEquals(closing, received.get(7).getString("externalId"));
            assertFalse(received.get(8).containsKey("externalId"), "archived by an admin");
            assertTrue(events.seen().stream().noneMatch(body -> body.contains("secret")), "notes never leave");
            await("the outbox emptied as the events left", () -> count(
                    "SELECT COUNT(*) FROM outbound_event WHERE conversation_id = ?", conversation) == 0);
        }
    }

    @Test
    public void whoClosedOrArchivedIsRecordedOnEveryPathShownToStaffAndSentToLegacySystems() throws Exception {
        var team = team();
        var quiet = inboxWithInactivity(new InactivityPolicy(1, InactivityAction.CLOSE, null));
        var customer = "cust-" + UUID.randomUUID();
        try (var events = TopicSubscriber.subscribe(Destinations.EVENTS); var client = QueueClient.connect()) {
            // An agent closes; a reopening clears it; the visitor closes; an admin archives in the admin console.
            var visitor = visitors.registerAnonymous();
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
                    .map(SwitchboardIT::json).orElseThrow(() -> new AssertionError("no conversation.archived"));
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
            long idle = visitorMessages.post(quiet, visitors.registerAnonymous(), "hi").conversationId();
            agentMessages.reply(idle, firstAdmin(), "Anything else?", null);
            await("closed for inactivity", () -> "CLOSED".equals(status(idle)));
            assertEquals(Arrays.asList("INACTIVITY", null, null), closedBy(idle));
            var inactivity = closedEvent(events, idle).getJsonObject("closedBy");
            assertEquals(Set.of("kind"), inactivity.keySet(), "only the kind: nobody's id or name");
            assertEquals("INACTIVITY", inactivity.getString("kind"));

            // A legacy system closes over JMS.
            var opening = inbound(client, """
                    {"type":"visitor.message","externalId":"%s","inbox":"%s","visitor":{"externalId":"%s"},
                     "text":"where is my order?"}""", team.inbox(), customer);
            long legacy = count("SELECT conversation_id FROM inbound_message WHERE external_id = ?", opening);
            var closing = inbound(client, """
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
                Duration.ofSeconds(20)).map(SwitchboardIT::json)
                .orElseThrow(() -> new AssertionError("no conversation.closed of " + conversation));
    }

    @Test
    public void anOutboundEventThatCommittedButWasNeverSentLeavesWithTheSweepOnce() throws Exception {
        var desk = desk(AssignmentMode.AUTO, 60, 1);
        long conversation = visitorMessages.post(desk.inbox(), visitors.registerAnonymous(), "hello")
                .conversationId();
        await("the conversation's own events left", () -> count(
                "SELECT COUNT(*) FROM outbound_event WHERE conversation_id = ?", conversation) == 0);
        try (var events = TopicSubscriber.subscribe(Destinations.EVENTS)) {
            // As if its node had stopped right after the commit: in the outbox for a minute, never relayed.
            leftInTheOutbox(conversation, 1000, 60);
            Predicate<String> theLostOne = event(conversation, 1000);
            // The sweep runs every 5 s.
            var sent = events.await(theLostOne, Duration.ofSeconds(20));
            assertTrue(sent.isPresent(), "sent: " + events.seen());
            assertTrue(events.resent(sent.get()), "marked as sent again: the broker may have had it");
            assertEquals(0L, count("SELECT COUNT(*) FROM outbound_event WHERE conversation_id = ?", conversation),
                    "gone from the outbox");
            assertTrue(events.await(theLostOne, Duration.ofSeconds(7)).isEmpty(), "sent once, not at every sweep");
        }
    }

    /** An outbound event's row as a node that stopped after the commit leaves it, {@code age} seconds old. */
    private void leftInTheOutbox(long conversation, long seq, long age) throws Exception {
        try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(
                "INSERT INTO outbound_event (conversation_id, seq, type, inbox_id, body, created_at) "
                        + "VALUES (?, ?, 'conversation.closed', 0, ?, ?)")) {
            statement.setLong(1, conversation);
            statement.setLong(2, seq);
            statement.setString(3, "{\"type\":\"conversation.closed\",\"conversationId\":" + conversation
                    + ",\"seq\":" + seq + "}");
            statement.setTimestamp(4, Timestamp.from(Instant.now().minusSeconds(age)));
            statement.executeUpdate();
        }
    }

    private static Predicate<String> event(long conversation, long seq) {
        return body -> json(body).getJsonNumber("conversationId").longValue() == conversation
                && json(body).getJsonNumber("seq").longValue() == seq;
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** Posts one inbound message (its externalId is the first %s) and waits until it has been handled. */
    private static String inbound(QueueClient client, String template, Object... arguments) throws Exception {
        var externalId = "ext-" + UUID.randomUUID();
        var all = new ArrayList<Object>();
        all.add(externalId);
        all.addAll(List.of(arguments));
        client.sendText(InboundQueues.INBOUND, template.formatted(all.toArray()), Map.of());
        await("inbound message " + externalId + " handled",
                () -> count("SELECT COUNT(*) FROM inbound_message WHERE external_id = ?", externalId) == 1);
        return externalId;
    }

    private static String property(jakarta.jms.Message message, String property) {
        try {
            return message.getStringProperty(property);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Conversations the agent holds plus offers waiting for their answer. */
    private static long load(long agent) throws Exception {
        return count("SELECT COUNT(*) FROM conversation WHERE assignee_id = ? AND status = 'ASSIGNED'", agent)
                + count("SELECT COUNT(*) FROM offer WHERE agent_id = ? AND status = 'PENDING'", agent);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls for up to 20 s: routing runs on the queue's consumers after the caller's commit. */
    /** A new agent with no role beyond AGENT, in no inbox. */
    private AgentView plainAgent(String name) {
        var lower = name.toLowerCase(Locale.ROOT);
        return agents.create(new NewAgent(lower + "." + UUID.randomUUID() + "@example.com", name,
                lower + " password!", Set.of(Role.AGENT)));
    }

    private static void await(String what, Condition condition) throws Exception {
        await(what, Duration.ofSeconds(20), condition);
    }

    private static void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("Gave up waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    // E-mail and satisfaction ratings ---------------------------------------------------------------------------

    /** The suite's SMTP server (GreenMail, started by SuiteResources): its IMAP side shows what it received. */
    private static final int IMAP_PORT = Integer.parseInt(System.getenv().getOrDefault("IT_IMAP_PORT", "0"));
    private static final String MAIL_FROM = "support@switchboard.test";

    @EJB
    RatingService ratings;

    @EJB
    MailOutbox mailOutbox;

    @EJB
    MailRetention mailRetention;

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

    @Test
    public void anAnswerToAMessageLeftOfflineGoesToTheVisitorByEmailOnceItCommits() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Offline " + UUID.randomUUID())).settings().name();
        var visitor = visitors.registerAnonymous();
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

        var received = awaitMail(address, 1);
        var mail = received.get(0);
        assertEquals("Re: your message to " + inbox, mail.subject());
        assertEquals(MAIL_FROM, mail.from());
        assertTrue(mail.body().contains("Yes, we do: in three days."), mail.body());
        assertTrue(mail.body().startsWith("Hello Vera,"), mail.body());
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
        var anonymous = visitors.registerAnonymous();
        long unaddressed = visitorMessages.post(inbox, anonymous, "Call me back?").conversationId();
        agentMessages.reply(unaddressed, firstAdmin(), "We will.", null);

        var team = team();
        online(team.ada());
        var known = visitors.registerAnonymous();
        visitors.introduce(known, "Kim", "kim." + UUID.randomUUID() + "@example.com");
        long live = visitorMessages.post(team.inbox(), known, "Hi").conversationId();
        assertEquals("false", rows("SELECT answer_by_email FROM conversation WHERE id = ?", live).get(0).get(0));
        agentMessages.reply(live, firstAdmin(), "Hello Kim", null);
        assertEquals(0L, count("SELECT COUNT(*) FROM outgoing_mail WHERE conversation_id IN (?, ?)", unaddressed,
                live));
    }

    @Test
    public void aClosedChatIsRatedOnceOnItsInboxScaleAndBadRatingsChangeNothing() throws Exception {
        var team = team();
        long inboxId = count("SELECT id FROM inbox WHERE display_name = ?", team.inbox());
        var visitor = visitors.registerAnonymous();
        long conversation = visitorMessages.post(team.inbox(), visitor, "My parcel is late").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        agentMessages.reply(conversation, team.ada(), "It arrives tomorrow", null);
        assertEquals("rating.chat-open", refusal(() -> ratings.rate(visitor, conversation, 5, null)));
        lifecycle.closeByVisitor(visitor, conversation);

        assertEquals("FIVE", ratings.forVisitor(visitor, conversation).scale().name());
        assertFalse(ratings.forVisitor(visitor, conversation).rated());
        assertEquals("rating.score", refusal(() -> ratings.rate(visitor, conversation, 6, null)));
        assertEquals("rating.score", refusal(() -> ratings.rate(visitor, conversation, 0, null)));
        assertEquals("rating.comment-too-long", refusal(() -> ratings.rate(visitor, conversation, 4,
                "x".repeat(1001))));
        var stranger = visitors.registerAnonymous();
        assertEquals("conversation.unknown", refusal(() -> ratings.rate(stranger, conversation, 4, null)));
        assertEquals("conversation.unknown", refusal(() -> ratings.rate(visitor, Long.MAX_VALUE, 4, null)));
        assertEquals(0L, count("SELECT COUNT(*) FROM conversation_rating WHERE conversation_id = ?", conversation),
                "no refusal stored anything");

        try (var events = TopicSubscriber.subscribe(Destinations.EVENTS)) {
            var rated = ratings.rate(visitor, conversation, 4, "  Quick and kind  ");
            assertEquals("Quick and kind", rated.comment());
            assertTrue(rated.satisfied());
            var event = events.await(body -> body.contains("conversation.rated") && json(body)
                    .getJsonNumber("conversationId").longValue() == conversation, Duration.ofSeconds(20));
            assertTrue(event.isPresent(), "events: " + events.seen());
            var json = json(event.get());
            assertEquals(4, json.getInt("score"));
            assertEquals("FIVE", json.getString("scale"));
            assertTrue(json.getBoolean("satisfied"));
            assertEquals("Quick and kind", json.getString("comment"));
            assertEquals(team.ada(), json.getJsonNumber("agentId").longValue());
            assertEquals(inboxId, json.getJsonNumber("inboxId").longValue());
        }
        assertEquals("rating.already-given", refusal(() -> ratings.rate(visitor, conversation, 1, "changed mind")));
        var seen = ratings.forAgent(team.ada(), conversation);
        assertEquals(List.of(4, "Quick and kind"), List.of(seen.score(), seen.comment()), "a second rating changed nothing");

        // A good/bad inbox: 1 is good, 0 bad, anything else refused; CSAT counts the satisfied share.
        inboxes.changeRatingScale(inboxId, RatingScale.GOOD_BAD);
        var second = visitors.registerAnonymous();
        long other = visitorMessages.post(team.inbox(), second, "Wrong size").conversationId();
        participants.handOn(other, firstAdmin(), team.ada());
        lifecycle.close(other, team.ada());
        assertEquals("rating.score", refusal(() -> ratings.rate(second, other, 4, null)));
        assertFalse(ratings.rate(second, other, 0, null).satisfied());

        var today = LocalDate.now(ZoneId.of("UTC"));
        for (var report : List.of(reports.conversations(today, today, ZoneId.of("UTC"), inboxId, null),
                reports.conversations(today, today, ZoneId.of("UTC"), null, team.ada()))) {
            assertEquals(2, report.total().rated());
            assertEquals(1, report.total().satisfied());
            assertEquals(50, report.total().csatPercent());
        }

        inboxes.changeRatingScale(inboxId, RatingScale.NONE);
        var third = visitors.registerAnonymous();
        long unasked = visitorMessages.post(team.inbox(), third, "Thanks").conversationId();
        lifecycle.closeByVisitor(third, unasked);
        assertEquals("rating.not-asked", refusal(() -> ratings.rate(third, unasked, 1, null)));
    }

    @Test
    public void theChatLogHoldsPublicMessagesOnlyAfterTheChatAndIsMailedWhereTheInboxSaysSo() throws Exception {
        var team = team();
        long inboxId = count("SELECT id FROM inbox WHERE display_name = ?", team.inbox());
        inboxes.changeChatLogByEmail(inboxId, true);
        var visitor = visitors.registerAnonymous();
        var address = "lou." + UUID.randomUUID() + "@example.com";
        visitors.introduce(visitor, "Lou", address);
        long conversation = visitorMessages.post(team.inbox(), visitor, "Is <b>this</b> in stock?")
                .conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        agentMessages.reply(conversation, team.ada(), "Yes, two left.", null);
        agentMessages.note(conversation, team.ada(), "secret: reorder soon");
        assertEquals("chat-log.chat-open", refusal(() -> transcripts.chatLogForVisitor(visitor, conversation)));
        var stranger = visitors.registerAnonymous();
        assertEquals("conversation.unknown", refusal(() -> transcripts.chatLogForVisitor(stranger, conversation)));
        lifecycle.close(conversation, team.ada());

        var log = transcripts.chatLogForVisitor(visitor, conversation);
        assertEquals(List.of("You", "Ada"), log.lines().stream().map(ChatLog.Line::who).toList());
        var html = log.html();
        assertTrue(html.contains("Is &lt;b&gt;this&lt;/b&gt; in stock?"), html);
        assertFalse(html.contains("<b>this"), "the visitor's text stays text");
        assertFalse(html.contains("reorder"), "notes never reach the visitor");

        // Left while nobody was online: the answer went by e-mail too, then the log when the chat ended.
        var mails = awaitMail(address, 2);
        var mailed = mails.stream().filter(m -> m.subject().equals("Your chat with " + team.inbox())).findFirst();
        assertTrue(mailed.isPresent(), mails.toString());
        assertTrue(mailed.get().body().contains("Yes, two left."), mailed.get().body());
        assertTrue(mailed.get().body().contains("Is <b>this</b> in stock?"), "plain text, as written");
        assertFalse(mailed.get().body().contains("reorder"));
    }

    private static String refusal(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(RequestRejectedException.class, call).code();
    }

    private record ReceivedMail(String from, String subject, String body) {
    }

    /** The mails GreenMail holds for {@code address}, read over IMAP (its account exists once a mail came). */
    private static List<ReceivedMail> awaitMail(String address, int atLeast) throws Exception {
        var found = new ArrayList<ReceivedMail>();
        await(atLeast + " mail(s) to " + address, Duration.ofSeconds(60), () -> {
            found.clear();
            found.addAll(mailTo(address));
            return found.size() >= atLeast;
        });
        return found;
    }

    private static List<ReceivedMail> mailTo(String address) throws Exception {
        var session = jakarta.mail.Session.getInstance(new java.util.Properties());
        try (var store = session.getStore("imap")) {
            try {
                store.connect("127.0.0.1", IMAP_PORT, address, address);
            } catch (jakarta.mail.AuthenticationFailedException noMailYet) {
                return List.of();
            }
            var folder = store.getFolder("INBOX");
            folder.open(jakarta.mail.Folder.READ_ONLY);
            try {
                var mails = new ArrayList<ReceivedMail>();
                for (var message : folder.getMessages()) {
                    var from = ((jakarta.mail.internet.InternetAddress) message.getFrom()[0]).getAddress();
                    mails.add(new ReceivedMail(from, message.getSubject(), String.valueOf(message.getContent())));
                }
                return mails;
            } finally {
                folder.close(false);
            }
        }
    }

    // Operator names ---------------------------------------------------------------------------------------------

    @Test
    public void visitorsAndLegacySystemsSeeTheOperatorOrPublicNameWhileAgentsSeeWhoWrote() throws Exception {
        var team = team();
        long inboxId = count("SELECT id FROM inbox WHERE name = ?", team.inbox());
        administration.namePublicly(firstAdmin(), team.ada(), " Ada from Support ");
        var visitor = visitors.registerAnonymous();
        try (var internal = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS);
             var outbound = TopicSubscriber.subscribe(Destinations.EVENTS)) {
            long conversation = visitorMessages.post(team.inbox(), visitor, "Hello?").conversationId();
            participants.handOn(conversation, firstAdmin(), team.ada());
            var joined = internal.await(body -> body.contains("\"agent.joined\"")
                    && json(body).getJsonNumber("conversationId").longValue() == conversation, Duration.ofSeconds(15));
            assertTrue(joined.isPresent(), () -> "agent.joined: " + internal.seen());
            assertEquals("Ada from Support", json(joined.get()).getString("agentName"));
            var assigned = outbound.await(body -> body.contains("\"conversation.assigned\"")
                    && json(body).getJsonNumber("conversationId").longValue() == conversation, Duration.ofSeconds(15));
            assertTrue(assigned.isPresent(), () -> "conversation.assigned: " + outbound.seen());
            assertEquals("Ada from Support", json(assigned.get()).getString("agentName"));

            long first = agentMessages.reply(conversation, team.ada(), "Hi, I am here", null).seq();
            var published = internal.await(body -> body.contains("Hi, I am here"), Duration.ofSeconds(15));
            assertTrue(published.isPresent(), () -> "message.created: " + internal.seen());
            assertEquals("Ada", json(published.get()).getString("agentName"), "agents see the account name");
            assertEquals("Ada from Support", json(published.get()).getString("visitorAgentName"));

            // An operator name wins over every agent's own; a stale version or a bad name changes nothing.
            var inbox = inboxes.find(inboxId);
            assertEquals("inbox.operator-name", assertThrows(RequestRejectedException.class,
                    () -> inboxes.nameOperator(inboxId, inbox.version(), "x".repeat(61))).code());
            assertEquals("text.control-character", assertThrows(RequestRejectedException.class,
                    () -> inboxes.nameOperator(inboxId, inbox.version(), "Acme\u0007")).code());
            inboxes.nameOperator(inboxId, inbox.version(), "Acme Support");
            assertEquals("inbox.changed", assertThrows(RequestRejectedException.class,
                    () -> inboxes.nameOperator(inboxId, inbox.version(), "Stale Name")).code());
            assertEquals(List.of(List.of("Acme Support")), rows("SELECT operator_name FROM inbox WHERE id = ?",
                    inboxId));

            long second = agentMessages.reply(conversation, team.ada(), "Let me check", null).seq();
            var legacy = outbound.await(body -> body.contains("Let me check"), Duration.ofSeconds(15));
            assertTrue(legacy.isPresent(), () -> "outbound message.created: " + outbound.seen());
            assertEquals("Acme Support", json(legacy.get()).getString("agentName"));
            assertEquals(team.ada(), json(legacy.get()).getJsonNumber("agentId").longValue());

            var replayed = transcripts.replayForVisitor(visitor, conversation, 0);
            assertEquals(List.of("VISITOR:null", "AGENT:Ada from Support", "AGENT:Acme Support"), replayed.stream()
                    .map(e -> e.author() + ":" + e.agentName()).toList(), "each message as the visitor saw it");
            assertTrue(replayed.stream().allMatch(e -> e.agentId() == null), "the visitor never learns agent ids");
            assertEquals(List.of(first, second), replayed.stream().filter(e -> "AGENT".equals(e.author()))
                    .map(e -> e.seq()).toList());
            assertEquals(List.of("Ada", "Ada"), transcripts.replayForAgent(firstAdmin(), conversation, 0).stream()
                    .filter(e -> "AGENT".equals(e.author())).map(e -> e.agentName()).toList(),
                    "agents still see who wrote what");
            assertEquals("Acme Support", visitorMessages.currentPosition(team.inbox(), visitor).orElseThrow().agentName());

            // Cleared: each agent's own name again.
            inboxes.nameOperator(inboxId, inboxes.find(inboxId).version(), "  ");
            assertNull(inboxes.find(inboxId).operatorName());
            assertEquals("Ada from Support", visitorMessages.currentPosition(team.inbox(), visitor).orElseThrow().agentName());
        }
    }

    @Test
    public void onlyThoseWhoManageAnAccountGiveItAPublicNameAndABadOneChangesNothing() throws Exception {
        var team = team();
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> administration.namePublicly(team.bob(), team.ada(), "Ada P.")).code());
        assertEquals("agent.public-name", assertThrows(RequestRejectedException.class,
                () -> administration.namePublicly(firstAdmin(), team.ada(), "y".repeat(61))).code());
        assertEquals("agent.unknown", assertThrows(RequestRejectedException.class,
                () -> administration.namePublicly(firstAdmin(), -5, "Nobody")).code());
        assertNull(rows("SELECT public_name FROM agent WHERE id = ?", team.ada()).get(0).get(0), "unchanged");
        assertEquals("Ada P.", administration.namePublicly(firstAdmin(), team.ada(), "Ada P.").publicName());
        assertNull(administration.namePublicly(firstAdmin(), team.ada(), "").publicName(), "blank removes it");
    }

    // The customer card -----------------------------------------------------------------------------------------

    @Test
    public void theCustomerCardSaysWhoTheCustomerIsAndListsTheirOtherConversationsTheAgentMayOpen() throws Exception {
        var team = team();
        var visitor = visitors.registerAnonymous();
        visitors.introduce(visitor, "Grace Hopper", "grace@example.com");
        visitors.recordContext(visitor, new VisitorContext("203.0.113.9", "Mozilla/5.0 Chrome/120.0",
                "https://shop.example/pricing", "Pricing"));
        long first = visitorMessages.post(team.inbox(), visitor, "first visit").conversationId();
        participants.handOn(first, firstAdmin(), team.bob());
        lifecycle.close(first, team.bob());
        lifecycle.archive(first, team.bob());
        long second = visitorMessages.post(team.inbox(), visitor, "second visit").conversationId();
        assertNotEquals(first, second);
        participants.handOn(second, firstAdmin(), team.ada());

        var card = customerCards.card(team.ada(), second);
        assertAll(
                () -> assertTrue(card.pinned()),
                () -> assertEquals("Grace Hopper", card.name()),
                () -> assertEquals("grace@example.com", card.email()),
                () -> assertFalse(card.verified()),
                () -> assertEquals("WIDGET", card.source().channel()),
                () -> assertEquals("shop.example", card.source().site()),
                () -> assertEquals("Pricing", card.source().pageTitle()),
                () -> assertEquals("Mozilla/5.0 Chrome/120.0", card.browser()),
                () -> assertEquals("203.0.113.9", card.address()),
                () -> assertNotNull(card.firstSeen()),
                () -> assertEquals(1, card.earlierCount(), "the first visit"),
                () -> assertEquals(List.of(), card.earlier(), "Bob's old conversation is not Ada's to open"));
        var overseen = customerCards.card(firstAdmin(), second);
        assertEquals(List.of(first), overseen.earlier().stream().map(c -> c.id()).toList());
        assertEquals("ARCHIVED", overseen.earlier().get(0).status());

        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> customerCards.card(plainAgent("Eve").id(), second)).code());
        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> customerCards.card(team.ada(), -1)).code());
    }

    @Test
    public void customerTagsComeFromTheCatalogueAreAddedPinnedAndRemovedAndBadInputChangesNothing() throws Exception {
        var team = team();
        var visitor = visitors.registerAnonymous();
        long conversation = visitorMessages.post(team.inbox(), visitor, "tag me").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        var name = "VIP " + UUID.randomUUID().toString().substring(0, 8);
        long tags = count("SELECT COUNT(*) FROM customer_tag");

        assertEquals("customer-tag.create-forbidden", assertThrows(RequestRejectedException.class,
                () -> customerTags.create(team.ada(), new NewCustomerTag(name, "#1570ef"))).code(), "agents may not");
        assertEquals("customer-tag.colour", assertThrows(RequestRejectedException.class,
                () -> new NewCustomerTag(name, "blue")).code());
        assertEquals("customer-tag.colour", assertThrows(RequestRejectedException.class,
                () -> new NewCustomerTag(name, "#123456")).code(), "not in the palette");
        assertEquals("customer-tag.name", assertThrows(RequestRejectedException.class,
                () -> new NewCustomerTag("x".repeat(31), "#1570ef")).code());
        assertEquals("customer-tag.name", assertThrows(RequestRejectedException.class,
                () -> new NewCustomerTag("<b>", "#1570ef")).code());
        assertEquals(tags, count("SELECT COUNT(*) FROM customer_tag"), "nothing created");

        var vip = customerTags.create(firstAdmin(), new NewCustomerTag(" " + name + " ", "#1570EF"));
        assertEquals(name, vip.name());
        assertEquals("#1570ef", vip.colour());
        assertEquals("customer-tag.exists", assertThrows(RequestRejectedException.class,
                () -> customerTags.create(firstAdmin(), new NewCustomerTag(name.toUpperCase(Locale.ROOT),
                        "#d92d20"))).code());

        assertEquals(List.of(new CardTag(vip.id(), name, "#1570ef", false)),
                customerTags.add(team.ada(), conversation, vip.id()));
        assertEquals(1, customerTags.add(team.ada(), conversation, vip.id()).size(), "added once");
        assertEquals("customer-tag.unknown", assertThrows(RequestRejectedException.class,
                () -> customerTags.add(team.ada(), conversation, -7)).code());
        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> customerTags.add(team.ada(), -1, vip.id())).code(), "no such customer");
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> customerTags.add(plainAgent("Eve").id(), conversation, vip.id())).code());

        // At most ten per customer: the eleventh is refused and nothing changes.
        var more = new ArrayList<Long>();
        for (int i = 0; i < 10; i++) {
            more.add(customerTags.create(firstAdmin(), new NewCustomerTag(name + " " + i, "#039855")).id());
        }
        for (int i = 0; i < 9; i++) {
            customerTags.add(team.ada(), conversation, more.get(i));
        }
        assertEquals("customer.tags", assertThrows(RequestRejectedException.class,
                () -> customerTags.add(team.ada(), conversation, more.get(9))).code());
        assertEquals(10L, count("SELECT COUNT(*) FROM customer_tagging WHERE visitor_id = (SELECT visitor_id FROM "
                + "conversation WHERE id = ?)", conversation));

        var pinned = customerTags.pin(team.ada(), conversation, vip.id(), true);
        assertTrue(pinned.stream().filter(t -> t.id() == vip.id()).findFirst().orElseThrow().pinned());
        assertEquals("customer-tag.not-carried", assertThrows(RequestRejectedException.class,
                () -> customerTags.pin(team.ada(), conversation, more.get(9), true)).code());
        var catalogue = customerTags.catalogue(team.ada(), true);
        assertEquals(1, catalogue.stream().filter(t -> t.id() == vip.id()).findFirst().orElseThrow().conversations());
        assertTrue(catalogue.stream().noneMatch(t -> t.id() == more.get(0)), "pinned: only the pinned tags");
        assertEquals(vip.id(), customerCards.card(team.ada(), conversation).tags().get(0).id());

        var left = customerTags.remove(team.ada(), conversation, vip.id());
        assertTrue(left.stream().noneMatch(t -> t.id() == vip.id()));
        assertEquals(9, left.size());
    }

    @Test
    public void unpinningTheCustomerKeepsBothButTakesTheConversationOffTheCard() throws Exception {
        var team = team();
        var visitor = visitors.registerAnonymous();
        long first = visitorMessages.post(team.inbox(), visitor, "one").conversationId();
        participants.handOn(first, firstAdmin(), team.ada());
        lifecycle.close(first, team.ada());
        lifecycle.archive(first, team.ada());
        long second = visitorMessages.post(team.inbox(), visitor, "two").conversationId();
        participants.handOn(second, firstAdmin(), team.ada());
        var tag = customerTags.create(firstAdmin(), new NewCustomerTag("U " + UUID.randomUUID().toString()
                .substring(0, 8), "#7a5af8"));
        customerTags.add(team.ada(), second, tag.id());
        assertEquals(2, customerTags.catalogue(team.ada(), false).stream().filter(t -> t.id() == tag.id())
                .findFirst().orElseThrow().conversations());
        assertEquals(1, customerCards.card(team.ada(), second).earlierCount());

        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> unpinCustomer.unpin(plainAgent("Eve").id(), first)).code());
        unpinCustomer.unpin(team.ada(), first);
        unpinCustomer.unpin(team.ada(), first);

        assertFalse(customerCards.card(team.ada(), first).pinned(), "no card on the unpinned conversation");
        assertEquals(0, customerCards.card(team.ada(), second).earlierCount(), "gone from the customer's card");
        assertEquals(1, customerTags.catalogue(team.ada(), false).stream().filter(t -> t.id() == tag.id())
                .findFirst().orElseThrow().conversations(), "its customer's tags no longer count it");
        assertEquals("customer.unpinned", assertThrows(RequestRejectedException.class,
                () -> customerTags.add(team.ada(), first, tag.id())).code());
        assertEquals(2L, count("SELECT COUNT(*) FROM conversation WHERE visitor_id = (SELECT visitor_id FROM "
                + "conversation WHERE id = ?)", first), "both conversations stay");
        assertEquals(List.of(List.of(String.valueOf(team.ada()))), rows(
                "SELECT customer_unpinned_by FROM conversation WHERE id = ?", first));
    }

    // Customer tags: the list's filters, the catalogue's admin page, the offline form on the card, live changes -

    @Test
    public void customerTagFiltersFindTheUntaggedThoseWithEveryTagChosenAndThePinnedOnes() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Filters " + UUID.randomUUID()));
        long ada = member(inbox.id(), "Ada");
        long gold = newCustomerTag("Gold");
        long vip = newCustomerTag("VIP");
        long spare = newCustomerTag("Spare");
        long both = newChat(inbox.settings().name());
        long goldPinned = newChat(inbox.settings().name());
        long untagged = newChat(inbox.settings().name());
        long unpinned = newChat(inbox.settings().name());
        customerTags.add(ada, both, gold);
        customerTags.add(ada, both, vip);
        customerTags.add(ada, goldPinned, gold);
        customerTags.pin(ada, goldPinned, gold, true);
        customerTags.add(ada, unpinned, gold);
        unpinCustomer.unpin(ada, unpinned);
        var ours = ConversationQuery.all().withInboxes(List.of(inbox.id()));
        assertEquals(Set.of(both, goldPinned, untagged, unpinned), listed(ada, ours));

        assertAll(
                () -> assertEquals(Set.of(untagged, unpinned), listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.none())), "no tags, or no customer any more"),
                () -> assertEquals(Set.of(both, goldPinned), listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.allOf(Set.of(gold), false)))),
                () -> assertEquals(Set.of(both), listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.allOf(Set.of(gold, vip), false))), "all of them, not any"),
                () -> assertEquals(Set.of(), listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.allOf(Set.of(gold, spare), false)))),
                () -> assertEquals(Set.of(goldPinned), listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.allOf(Set.of(), true))), "Pinned alone: some tag pinned"),
                () -> assertEquals(Set.of(goldPinned), listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.allOf(Set.of(gold), true)))),
                () -> assertEquals(Set.of(), listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.allOf(Set.of(gold, vip), true))), "VIP is carried, not pinned"),
                () -> assertEquals(1, page(ada, ours.withCustomerTags(CustomerTagFilter.allOf(Set.of(gold, vip),
                        false))).total(), "the count follows the same filter"));

        // The picker counts the conversations Ada may read; pinned, only where pinned, and only pinned tags.
        assertEquals(Map.of(gold, 2L, vip, 1L, spare, 0L), pickerCounts(ada, false, gold, vip, spare));
        assertEquals(Map.of(gold, 1L), pickerCounts(ada, true, gold, vip, spare));
        long eve = plainAgent("Eve").id();
        assertEquals(Map.of(gold, 0L, vip, 0L, spare, 0L), pickerCounts(eve, false, gold, vip, spare),
                "no conversation of theirs carries them");
        assertEquals(Set.of(), listed(eve, ConversationQuery.all().withCustomerTags(
                CustomerTagFilter.allOf(Set.of(gold), false))), "a filter widens nothing");
    }

    @Test
    public void customerTagFilterParametersOutOfBoundsAreRefusedWithTheirCodesAndTheOldTagFiltersStillWork()
            throws Exception {
        var team = team();
        long chat = newChat(team.inbox());
        participants.handOn(chat, firstAdmin(), team.ada());
        long gold = newCustomerTag("Gold");
        customerTags.add(team.ada(), chat, gold);
        var read = version(chat);
        lifecycle.retag(chat, team.ada(), read, List.of("billing", "refund"));
        var token = tokenOf(team.ada(), "Ada");
        var eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> "customerTag=" + i).collect(Collectors.joining("&"));
        var twentyOne = IntStream.rangeClosed(1, 21).mapToObj(i -> "tag=t" + i).collect(Collectors.joining("&"));
        var refused = Map.ofEntries(
                Map.entry(eleven, "conversations.customer-tags"),
                Map.entry("customerTag=0", "conversations.customer-tags"),
                Map.entry("customerTag=-4", "conversations.customer-tags"),
                Map.entry("customerTag=gold", "request.parameter"),
                Map.entry("customerTag=" + "9".repeat(40), "request.parameter"),
                Map.entry("customerTag=" + Long.MAX_VALUE, "conversations.customer-tag-unknown"),
                Map.entry("customerTags=none&customerTag=" + gold, "conversations.customer-tags"),
                Map.entry("customerTags=none&customerTagsPinned=true", "conversations.customer-tags"),
                Map.entry("customerTags=all", "request.parameter"),
                Map.entry("customerTagsPinned=yes", "request.parameter"),
                Map.entry("tag=" + "x".repeat(51), "conversation.tag"),
                Map.entry(twentyOne, "conversation.tags"));
        for (var wrong : refused.entrySet()) {
            var response = listOverHttp(token, wrong.getKey());
            assertEquals(400, response.statusCode(), wrong.getKey() + ": " + response.body());
            assertEquals(wrong.getValue(), json(response.body()).getString("code"), wrong.getKey());
        }

        var both = listOverHttp(token, "tag=billing&tag=REFUND&customerTag=" + gold + "&customerTag=" + gold
                + "&inbox=" + inboxes.findByName(team.inbox()).orElseThrow().getId());
        assertEquals(200, both.statusCode(), both.body());
        var items = json(both.body()).getJsonArray("items");
        assertEquals(1, items.size(), both.body());
        assertEquals(chat, items.getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals(0, json(listOverHttp(token, "tag=billing&customerTags=none&inbox="
                + inboxes.findByName(team.inbox()).orElseThrow().getId()).body()).getJsonArray("items").size(),
                "conversation tags and customer tags are different things");
    }

    @Test
    public void exportsHoldWhatTheListWithTheSameCustomerTagFiltersShowsAndRefuseWhatItRefuses() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Exports " + UUID.randomUUID()));
        long sue = supervisor("Sue", inbox.id());
        long gold = newCustomerTag("Gold");
        long vip = newCustomerTag("VIP");
        long goldPinned = newChat(inbox.settings().name());
        long goldVip = newChat(inbox.settings().name());
        long untagged = newChat(inbox.settings().name());
        customerTags.add(sue, goldPinned, gold);
        customerTags.pin(sue, goldPinned, gold, true);
        customerTags.add(sue, goldVip, gold);
        customerTags.add(sue, goldVip, vip);
        var token = tokenOf(sue, "Sue");
        var ours = "inbox=" + inbox.id();
        var expected = Map.of(
                ours, Set.of(goldPinned, goldVip, untagged),
                ours + "&customerTag=" + gold, Set.of(goldPinned, goldVip),
                ours + "&customerTag=" + gold + "&customerTag=" + vip, Set.of(goldVip),
                ours + "&customerTag=" + gold + "&customerTagsPinned=true", Set.of(goldPinned),
                ours + "&customerTagsPinned=true", Set.of(goldPinned),
                ours + "&customerTags=none", Set.of(untagged));
        for (var filter : expected.entrySet()) {
            var listed = json(listOverHttp(token, filter.getKey()).body()).getJsonArray("items").stream()
                    .map(item -> item.asJsonObject().getJsonNumber("id").longValue()).collect(Collectors.toSet());
            assertEquals(filter.getValue(), listed, "the list of " + filter.getKey());
            var csv = exportOverHttp(token, "csv?" + filter.getKey());
            assertEquals(200, csv.statusCode(), csv.body());
            var exported = csv.body().lines().skip(1).map(line -> Long.valueOf(line.substring(0, line.indexOf(','))))
                    .collect(Collectors.toSet());
            assertEquals(listed, exported, "the export of " + filter.getKey());
        }
        var zip = exportOverHttp(token, "zip?transcripts=html&" + ours + "&customerTag=" + vip);
        assertEquals(Set.of("conversation-" + goldVip + "-transcript.html"), unzip(zip.body().getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1)).keySet().stream()
                .filter(name -> name.endsWith(".html")).collect(Collectors.toSet()));
        for (var refused : Map.of("customerTag=" + Long.MAX_VALUE, "conversations.customer-tag-unknown",
                "customerTags=none&customerTag=" + gold, "conversations.customer-tags",
                "customerTagsPinned=yes", "request.parameter").entrySet()) {
            var answer = exportOverHttp(token, "csv?" + ours + "&" + refused.getKey());
            assertEquals(List.of(400, refused.getValue()), List.of(answer.statusCode(),
                    json(answer.body()).getString("code")), refused.getKey());
        }
    }

    /** GET /api/agent/conversations/export.{what}; the body as ISO-8859-1 text, so a zip's bytes survive. */
    private HttpResponse<String> exportOverHttp(String token, String what) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api("agent/conversations/export." + what))
                .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    public void adminsRenameRecolourAndDeleteCustomerTagsSayingWhoCarriesThemAndDecideWhoCreatesThem()
            throws Exception {
        var team = team();
        long first = newChat(team.inbox());
        long second = newChat(team.inbox());
        long gold = newCustomerTag("Gold");
        customerTags.add(team.ada(), first, gold);
        customerTags.add(team.ada(), second, gold);
        customerTags.pin(team.ada(), second, gold, true);
        long admin = firstAdmin();
        var supervisor = agents.create(new NewAgent("sue." + UUID.randomUUID() + "@example.com", "Sue",
                "sue password!", Set.of(Role.SUPERVISOR))).id();

        var listed = tagCatalogue.list(supervisor).stream().filter(t -> t.id() == gold).findFirst().orElseThrow();
        assertEquals(2, listed.customers(), "supervisors read the catalogue with its counts");
        assertEquals("customer-tag.admins-only", assertThrows(RequestRejectedException.class,
                () -> tagCatalogue.list(team.ada())).code());
        var name = "Golden " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals("customer-tag.admins-only", assertThrows(RequestRejectedException.class,
                () -> tagCatalogue.change(supervisor, gold, listed.version(), new NewCustomerTag(name, "#c11574")))
                .code());

        var changed = tagCatalogue.change(admin, gold, listed.version(), new NewCustomerTag(name, "#c11574"));
        assertEquals(name, changed.name());
        assertEquals("#c11574", changed.colour());
        assertEquals(name, customerCards.card(team.ada(), first).tags().get(0).name(), "the cards follow");
        assertEquals("customer-tag.changed", assertThrows(RequestRejectedException.class,
                () -> tagCatalogue.change(admin, gold, listed.version(), new NewCustomerTag("Stale", "#1570ef")))
                .code(), "a stale version changes nothing");
        long other = newCustomerTag("Other");
        var otherName = rows("SELECT name FROM customer_tag WHERE id = ?", other).get(0).get(0);
        assertEquals("customer-tag.exists", assertThrows(RequestRejectedException.class,
                () -> tagCatalogue.change(admin, gold, changed.version(), new NewCustomerTag(otherName
                        .toUpperCase(Locale.ROOT), "#1570ef"))).code());
        assertEquals(name, tagCatalogue.find(admin, gold).name(), "unchanged by the refusals");
        // The same over HTTP: admins only.
        var adaDeletes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api("agent/customer-tags/" + gold))
                .header("Authorization", "Bearer " + tokenOf(team.ada(), "Ada")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, adaDeletes.statusCode(), adaDeletes.body());
        assertEquals("customer-tag.admins-only", json(adaDeletes.body()).getString("code"));
        var adaChanges = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api("agent/customer-tags/" + gold))
                .header("Authorization", "Bearer " + tokenOf(team.ada(), "Ada")).header("Content-Type",
                        "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"colour\":"
                        + "\"#1570ef\",\"version\":" + listed.version() + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, adaChanges.statusCode(), "an agent changes no tag: " + adaChanges.body());
        var adminToken = authentication.signIn("admin@switchboard.local", System.getenv("SWITCHBOARD_ADMIN_PASSWORD"),
                null).token();
        var otherVersion = tagCatalogue.find(admin, other).version();
        var otherRenamed = "Other renamed " + UUID.randomUUID().toString().substring(0, 8);
        for (int expected : new int[] {200, 409}) {
            var put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api("agent/customer-tags/" + other))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + otherRenamed + "\",\"colour\":"
                            + "\"#7a5af8\",\"version\":" + otherVersion + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(expected, put.statusCode(), put.body());
        }
        assertEquals(otherRenamed, tagCatalogue.find(admin, other).name());
        var deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api("agent/customer-tags/" + other))
                .header("Authorization", "Bearer " + adminToken).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(0, json(deleted.body()).getInt("customers"));

        assertEquals("customer-tag.admins-only", assertThrows(RequestRejectedException.class,
                () -> tagCatalogue.delete(supervisor, gold)).code());
        assertEquals(2, tagCatalogue.delete(admin, gold), "taken off both customers");
        assertEquals(0L, count("SELECT COUNT(*) FROM customer_tagging WHERE tag_id = ?", gold));
        assertEquals(0L, count("SELECT COUNT(*) FROM customer_tag WHERE id = ?", gold));
        assertEquals(List.of(), customerCards.card(team.ada(), second).tags());
        assertEquals("customer-tag.unknown", assertThrows(RequestRejectedException.class,
                () -> tagCatalogue.delete(admin, gold)).code());
        assertEquals("customer-tag.unknown", assertThrows(RequestRejectedException.class,
                () -> customerTags.add(team.ada(), first, gold)).code());

        // Who creates tags: admins only, until an admin lets agents too.
        var rule = tagCatalogue.agentsCreate(admin);
        try {
            tagCatalogue.agentsCreate(admin, false);
            assertFalse(customerTags.mayCreate(team.ada()));
            assertEquals("customer-tag.admins-only", assertThrows(RequestRejectedException.class,
                    () -> tagCatalogue.agentsCreate(supervisor, true)).code());
            tagCatalogue.agentsCreate(admin, true);
            assertTrue(customerTags.mayCreate(team.ada()));
            var created = customerTags.create(team.ada(), new NewCustomerTag("Agent made " + UUID.randomUUID()
                    .toString().substring(0, 8), "#039855"));
            assertEquals(0, created.conversations());
        } finally {
            tagCatalogue.agentsCreate(admin, rule);
        }
    }

    @Test
    public void aConversationLeftOnTheOfflineFormSaysSoOnTheCardAndOneWrittenWhileAnAgentIsOnlineDoesNot()
            throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Offline form " + UUID.randomUUID()));
        long ada = member(inbox.id(), "Ada");
        var visitor = visitors.registerAnonymous();
        visitors.introduce(visitor, "Left a note", "note@example.com");
        long leftOffline = visitorMessages.post(inbox.settings().name(), visitor, "Call me back")
                .conversationId();
        assertTrue(customerCards.card(firstAdmin(), leftOffline).source().offlineForm());
        assertEquals("WIDGET", customerCards.card(firstAdmin(), leftOffline).source().channel());

        agents.changePresence(ada, Presence.ONLINE);
        try {
            long live = newChat(inbox.settings().name());
            assertFalse(customerCards.card(firstAdmin(), live).source().offlineForm());
        } finally {
            agents.changePresence(ada, Presence.OFFLINE);
        }
        lifecycle.delete(firstAdmin(), List.of(leftOffline));
        assertEquals(0L, count("SELECT COUNT(*) FROM offline_form_conversation WHERE conversation_id = ?",
                leftOffline), "gone with its conversation");
    }

    @Test
    public void changesOfACustomerAndOfTheCatalogueReachTheConsolesOnceCommittedAndRefusalsSayNothing()
            throws Exception {
        var team = team();
        var visitor = visitors.registerAnonymous();
        long chat = visitorMessages.post(team.inbox(), visitor, "Tell the cards").conversationId();
        participants.handOn(chat, firstAdmin(), team.ada());
        long gold = newCustomerTag("Gold");
        var customer = "\"customerId\":" + customerOf(chat) + ",";
        try (var events = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS)) {
            customerTags.add(team.ada(), chat, gold);
            var added = json(events.await(body -> body.contains("\"type\":\"customer.changed\"")
                    && body.contains(customer), Duration.ofSeconds(15)).orElseThrow(() -> new AssertionError(
                    "no customer.changed of the tag; got " + events.seen())));
            assertEquals(List.of(team.ada()), added.getJsonArray("agentIds").getValuesAs(JsonNumber.class).stream()
                    .map(JsonNumber::longValue).toList(), "the holder; nobody else of the inbox reads it");

            customerTags.add(team.ada(), chat, gold);
            customerTags.pin(team.ada(), chat, gold, false);
            assertThrows(RequestRejectedException.class, () -> customerTags.add(team.ada(), chat, -1));
            visitors.introduce(visitor, "Grace", "grace@example.com");
            var renamed = events.await(body -> body.contains("\"type\":\"customer.changed\"")
                    && body.contains(customer), Duration.ofSeconds(15));
            assertTrue(renamed.isPresent(), "the new name: " + events.seen());
            assertEquals(2, events.seen().stream().filter(body -> body.contains("customer.changed")
                    && body.contains(customer)).count(), "nothing for what changed nothing: " + events.seen());

            unpinCustomer.unpin(team.ada(), chat);
            assertTrue(events.await(body -> body.contains("\"type\":\"customer.changed\"")
                    && body.contains(customer), Duration.ofSeconds(15)).isPresent(),
                    "unpinning changes the card: " + events.seen());

            var rename = tagCatalogue.find(firstAdmin(), gold);
            tagCatalogue.change(firstAdmin(), gold, rename.version(), new NewCustomerTag(
                    "Renamed " + UUID.randomUUID().toString().substring(0, 8), "#dc6803"));
            assertTrue(events.await(body -> body.contains("\"type\":\"customer-tags.changed\""),
                    Duration.ofSeconds(15)).isPresent(), "the catalogue changed: " + events.seen());
        }
    }

    /** A visitor's first message in the inbox: a new conversation. */
    private long newChat(String inbox) {
        return visitorMessages.post(inbox, visitors.registerAnonymous(), "Hello " + UUID.randomUUID())
                .conversationId();
    }

    /** A customer tag of its own name, made by the first admin. */
    private long newCustomerTag(String name) throws Exception {
        return customerTags.create(firstAdmin(), new NewCustomerTag(name + " " + UUID.randomUUID().toString()
                .substring(0, 8), "#1570ef")).id();
    }

    /** How many conversations the agent's picker says carry each of these tags (those it lists). */
    private Map<Long, Long> pickerCounts(long agentId, boolean pinned, long... tagIds) {
        var wanted = Arrays.stream(tagIds).boxed().collect(Collectors.toSet());
        return customerTags.catalogue(agentId, pinned).stream().filter(tag -> wanted.contains(tag.id()))
                .collect(Collectors.toMap(tag -> tag.id(), tag -> tag.conversations()));
    }

    private HttpResponse<String> listOverHttp(String token, String query) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api("agent/conversations?" + query))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long customerOf(long conversation) throws Exception {
        return count("SELECT visitor_id FROM conversation WHERE id = ?", conversation);
    }

    // Transcripts for staff, exports of conversations, the visitor's PDF log ------------------------------------

    @EJB
    StaffTranscripts staffTranscripts;

    @EJB
    ConversationExports exports;

    @Test
    public void aStaffTranscriptHoldsEveryEntryMarkedForAdminsAndTheInboxsSupervisorsOnly() throws Exception {
        var team = team();
        long inboxId = count("SELECT id FROM inbox WHERE name = ?", team.inbox());
        long sue = supervisor("Sue", inboxId);
        long sam = supervisor("Sam", null);
        administration.namePublicly(firstAdmin(), team.ada(), "Ada from Support");
        var visitor = visitors.registerAnonymous();
        visitors.introduce(visitor, "Lou", null);
        long conversation = visitorMessages.post(team.inbox(), visitor, "Is <b>this</b> in stock?")
                .conversationId();
        routing.assign(firstAdmin(), conversation, team.ada(), true);
        agentMessages.reply(conversation, team.ada(), "Yes, two left.", null);
        agentMessages.note(conversation, team.ada(), "secret: reorder soon");
        var png = Samples.png();
        attachments.postAgentMessage(conversation, team.ada(), "The label", List.of(file("label.png", png)));
        long menu = agentMessages.offerOptions(conversation, team.ada(), "Which size?", List.of("Small", "Large")).seq();
        visitorMessages.pickOption(visitor, conversation, menu, 1);
        agents.changePresence(team.bob(), Presence.ONLINE);
        invitations.decline(team.bob(), invitations.invite(team.ada(), conversation, team.bob(), false).id());
        participants.invite(conversation, team.ada(), team.bob());
        lifecycle.close(conversation, team.ada());
        visitorMessages.post(team.inbox(), visitor, "One more thing");
        lifecycle.close(conversation, firstAdmin());

        var transcript = staffTranscripts.of(firstAdmin(), conversation);
        var entries = transcript.entries();
        var said = entries.stream().filter(e -> "Yes, two left.".equals(e.text())).findFirst().orElseThrow();
        assertEquals(List.of("Ada", "Ada from Support"), List.of(said.who(), said.shownAs()),
                "staff read the account name and the name the visitor saw");
        var note = entries.stream().filter(e -> "secret: reorder soon".equals(e.text())).findFirst().orElseThrow();
        assertEquals(StaffTranscript.Kind.NOTE, note.kind());
        var label = entries.stream().filter(e -> "The label".equals(e.text())).findFirst().orElseThrow();
        assertEquals(List.of(new StaffTranscript.File("label.png", "image/png", png.length)), label.files());
        var options = entries.stream().filter(e -> e.seq() != null && e.seq() == menu).findFirst().orElseThrow();
        assertEquals(List.of("Small", "Large"), options.options());
        assertEquals(1, options.picked());
        var internal = entries.stream().filter(e -> e.kind() == StaffTranscript.Kind.INTERNAL).map(e -> e.text())
                .toList();
        assertTrue(internal.contains("Ada invited Bob."), internal.toString());
        var events = entries.stream().filter(e -> e.kind() == StaffTranscript.Kind.EVENT).map(e -> e.who()).toList();
        assertTrue(events.containsAll(List.of("Assigned to Ada", "Ada invited Bob to take part",
                "Bob declined Ada's invitation", "Reopened by Lou")), events.toString());
        var order = entries.stream().map(e -> e.kind() == StaffTranscript.Kind.EVENT ? e.who() : e.text())
                .filter(s -> s.startsWith("Closed") || List.of("Reopened by Lou", "One more thing").contains(s))
                .toList();
        assertEquals(List.of("Closed by Ada", "Reopened by Lou", "One more thing", "Closed by Administrator"), order,
                "each close says who made it");
        assertEquals(2L, count("SELECT COUNT(*) FROM conversation_milestone WHERE conversation_id = ? "
                + "AND kind = 'CLOSED'", conversation));
        var html = transcript.html();
        assertTrue(html.contains("Private note · never shown to the visitor"), html);
        assertTrue(html.contains("Is &lt;b&gt;this&lt;/b&gt; in stock?"), html);
        assertTrue(html.contains("label.png (image/png, "), html);
        var pdf = new java.io.ByteArrayOutputStream();
        transcript.pdf(pdf);
        var text = pdfText(pdf.toByteArray());
        assertTrue(text.contains("secret: reorder soon") && text.contains("Large ← the visitor's choice"), text);

        // Supervisors of the inbox too; nobody else.
        assertEquals(conversation, staffTranscripts.of(sue, conversation).facts().conversationId());
        assertEquals("transcript.inbox-forbidden", refusal(() -> staffTranscripts.of(sam, conversation)));
        assertEquals("transcript.forbidden", refusal(() -> staffTranscripts.of(team.ada(), conversation)));
        assertEquals("conversation.unknown", refusal(() -> staffTranscripts.of(firstAdmin(), -conversation)));

        // The visitor's own log, in either format, has none of it.
        var log = transcripts.chatLogForVisitor(visitor, conversation);
        var visitorsPdf = pdfText(log.pdf());
        assertTrue(visitorsPdf.contains("Ada from Support") && visitorsPdf.contains("One more thing"), visitorsPdf);
        for (var copy : List.of(log.html(), visitorsPdf)) {
            assertFalse(copy.contains("reorder") || copy.contains("invited"), copy);
        }

        assertEquals(1, lifecycle.delete(firstAdmin(), List.of(conversation)));
        assertEquals(0L, count("SELECT COUNT(*) FROM conversation_milestone WHERE conversation_id = ?", conversation),
                "its milestones go with a deleted conversation");
    }

    @Test
    public void exportsAreFormulaSafeBoundedAndHoldOnlyTheSupervisorsInboxes() throws Exception {
        var mine = team();
        var other = team();
        long mineId = count("SELECT id FROM inbox WHERE name = ?", mine.inbox());
        long otherId = count("SELECT id FROM inbox WHERE name = ?", other.inbox());
        long sue = supervisor("Sue", mineId);
        var visitor = visitors.registerAnonymous();
        visitors.introduce(visitor, "=HYPERLINK(\"http://evil.example\")", null);
        long here = visitorMessages.post(mine.inbox(), visitor, "Hello").conversationId();
        participants.handOn(here, firstAdmin(), mine.ada());
        agentMessages.reply(here, mine.ada(), "Hi", null);
        agentMessages.note(here, mine.ada(), "secret: call back");
        lifecycle.retag(here, mine.ada(), version(here), List.of("vip"));
        lifecycle.close(here, mine.ada());
        ratings.rate(visitor, here, 2, "@SUM(A1)");
        long there = visitorMessages.post(other.inbox(), visitors.registerAnonymous(), "Elsewhere")
                .conversationId();
        var ofMine = ConversationQuery.all().withInboxes(Set.of(mineId));

        var lines = new String(export(firstAdmin(), ofMine, ExportKind.CSV), StandardCharsets.UTF_8).split("\r\n");
        assertEquals(2, lines.length, String.join("\n", lines));
        assertEquals(Csv.row(ExportRows.HEADER).strip(), lines[0]);
        assertTrue(lines[1].startsWith(here + ",\"" + mine.inbox() + "\",\"WIDGET\",\"'=HYPERLINK(\"\"http://"
                + "evil.example\"\")\","), lines[1]);
        assertTrue(lines[1].endsWith(",1,1,1,\"2/5\",\"no\",\"'@SUM(A1)\",\"vip\""), lines[1]);

        var sues = new String(export(sue, ConversationQuery.all(), ExportKind.CSV), StandardCharsets.UTF_8);
        assertTrue(sues.contains("\r\n" + here + ","), sues);
        assertFalse(sues.contains("\r\n" + there + ","), "a supervisor exports their own inboxes only");
        assertEquals("transcript.inbox-forbidden", refusal(() -> exports.prepare(sue,
                ConversationQuery.all().withInboxes(Set.of(otherId)), ExportKind.CSV)));
        assertEquals("transcript.forbidden", refusal(() -> exports.prepare(mine.ada(), ofMine, ExportKind.CSV)));

        for (var kind : List.of(ExportKind.HTML_TRANSCRIPTS, ExportKind.PDF_TRANSCRIPTS)) {
            var files = unzip(export(firstAdmin(), ofMine, kind));
            var name = "conversation-" + here + "-transcript." + kind.transcriptFormat().extension();
            assertEquals(Set.of("conversations.csv", name), files.keySet());
            var transcript = kind == ExportKind.PDF_TRANSCRIPTS ? pdfText(files.get(name))
                    : new String(files.get(name), StandardCharsets.UTF_8);
            assertTrue(transcript.contains("secret: call back") && transcript.contains("Private note"), transcript);
        }

        // Past the limit the export is refused whole, before anything is written; the CSV's limit is higher.
        var crowded = inboxes.create(InboxSettings.defaults("Crowded " + UUID.randomUUID()));
        for (int i = 0; i <= ExportKind.MAX_TRANSCRIPTS; i++) {
            visitorMessages.post(crowded.settings().name(), visitors.registerAnonymous(), "Hello " + i);
        }
        var ofCrowded = ConversationQuery.all().withInboxes(Set.of(crowded.id()));
        var tooMany = assertThrows(RequestRejectedException.class,
                () -> exports.prepare(firstAdmin(), ofCrowded, ExportKind.PDF_TRANSCRIPTS));
        assertEquals("export.too-many", tooMany.code());
        assertTrue(tooMany.getMessage().startsWith((ExportKind.MAX_TRANSCRIPTS + 1) + " conversations match"),
                tooMany.getMessage());
        assertEquals(ExportKind.MAX_TRANSCRIPTS + 1,
                exports.prepare(firstAdmin(), ofCrowded, ExportKind.CSV).conversationIds().size());
    }

    @Test
    public void theApiServesTranscriptsExportsAndTheVisitorsPdfLogWithTheirRefusals() throws Exception {
        var team = team();
        long inboxId = count("SELECT id FROM inbox WHERE name = ?", team.inbox());
        long sue = supervisor("Sue", inboxId);
        var visitor = visitors.registerAnonymous();
        long conversation = visitorMessages.post(team.inbox(), visitor, "Where is it? שלום").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        agentMessages.reply(conversation, team.ada(), "It ships today.", null);
        agentMessages.note(conversation, team.ada(), "secret: fragile");
        var http = HttpClient.newHttpClient();
        var log = HttpRequest.newBuilder(api("visitor/conversations/" + conversation + "/log?format=pdf"))
                .header("X-Visitor-Token", visitor).build();
        assertEquals(409, http.send(log, HttpResponse.BodyHandlers.ofString()).statusCode(), "not while it goes on");
        lifecycle.close(conversation, team.ada());

        var pdf = http.send(log, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"chat-" + conversation + ".pdf\"",
                pdf.headers().firstValue("Content-Disposition").orElseThrow());
        var visitorsCopy = pdfText(pdf.body());
        assertTrue(visitorsCopy.contains("It ships today.") && visitorsCopy.contains("Where is it?"), visitorsCopy);
        assertFalse(visitorsCopy.contains("fragile"), visitorsCopy);
        var wrongFormat = http.send(HttpRequest.newBuilder(api("visitor/conversations/" + conversation
                + "/log?format=doc")).header("X-Visitor-Token", visitor).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(List.of(400, "chat-log.format"), List.of(wrongFormat.statusCode(),
                json(wrongFormat.body()).getString("code")));

        var sueToken = tokenOf(sue, "Sue");
        var transcript = http.send(HttpRequest.newBuilder(api("agent/conversations/" + conversation
                        + "/transcript?format=pdf")).header("Authorization", "Bearer " + sueToken).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, transcript.statusCode());
        assertTrue(pdfText(transcript.body()).contains("secret: fragile"));
        var page = http.send(HttpRequest.newBuilder(api("agent/conversations/" + conversation + "/transcript"))
                .header("Authorization", "Bearer " + sueToken).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("sandbox"));
        assertTrue(page.body().contains("secret: fragile"), page.body());
        var agents = http.send(HttpRequest.newBuilder(api("agent/conversations/" + conversation + "/transcript"))
                .header("Authorization", "Bearer " + tokenOf(team.ada(), "Ada")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(List.of(403, "transcript.forbidden"), List.of(agents.statusCode(),
                json(agents.body()).getString("code")));

        var csv = http.send(HttpRequest.newBuilder(api("agent/conversations/export.csv?status=CLOSED&inbox="
                + inboxId)).header("Authorization", "Bearer " + sueToken).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.body().contains("\r\n" + conversation + ","), csv.body());
        var zip = http.send(HttpRequest.newBuilder(api("agent/conversations/export.zip?transcripts=pdf&inbox="
                + inboxId)).header("Authorization", "Bearer " + sueToken).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        assertTrue(unzip(zip.body()).containsKey("conversation-" + conversation + "-transcript.pdf"));
        for (var refused : Map.of("agent/conversations/export.xls", List.of(404, "export.unknown"),
                "agent/conversations/export.zip?transcripts=doc", List.of(400, "transcript.format"),
                "agent/conversations/export.csv?inbox=nine", List.of(400, "request.parameter")).entrySet()) {
            var answer = http.send(HttpRequest.newBuilder(api(refused.getKey()))
                    .header("Authorization", "Bearer " + sueToken).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(refused.getValue(), List.of(answer.statusCode(), json(answer.body()).getString("code")),
                    refused.getKey());
        }
    }

    /** A supervisor, a member of the inbox unless it is null. */
    private long supervisor(String name, Long inboxId) {
        long id = agents.create(new NewAgent(name.toLowerCase(Locale.ROOT) + "." + UUID.randomUUID() + "@example.com",
                name, name + " password!", Set.of(Role.SUPERVISOR))).id();
        if (inboxId != null) {
            inboxes.addMember(inboxId, id, 5);
        }
        return id;
    }

    private byte[] export(long agentId, ConversationQuery query, ExportKind kind) {
        var out = new java.io.ByteArrayOutputStream();
        exports.write(agentId, exports.prepare(agentId, query, kind), out);
        return out.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        var files = new LinkedHashMap<String, byte[]>();
        try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    /** The text of every page, read back with the PDF library's own extractor (in the WAR). */
    private static String pdfText(byte[] pdf) throws Exception {
        var reader = new com.lowagie.text.pdf.PdfReader(pdf);
        try {
            var extractor = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader);
            var text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            return text.toString();
        } finally {
            reader.close();
        }
    }

    /** A fresh inbox with two agents, Ada and Bob, as members. */
    private Team team() {
        var inbox = inboxes.create(InboxSettings.defaults("Team " + UUID.randomUUID()));
        long ada = member(inbox.id(), "Ada");
        long bob = member(inbox.id(), "Bob");
        return new Team(inbox.settings().name(), ada, bob);
    }

    private long member(long inboxId, String name) {
        var agent = agents.create(new NewAgent(name + "." + UUID.randomUUID() + "@example.com", name,
                name + " password!", Set.of(Role.AGENT)));
        inboxes.addMember(inboxId, agent.id(), 5);
        return agent.id();
    }

    private record Team(String inbox, long ada, long bob) {
    }

    private static long firstAdmin() throws Exception {
        return longs("SELECT id FROM agent WHERE email = ?", "admin@switchboard.local").get(0);
    }

    private static long version(long conversation) throws Exception {
        return count("SELECT version FROM conversation WHERE id = ?", conversation);
    }

    private static String status(long conversation) throws Exception {
        return rows("SELECT status FROM conversation WHERE id = ?", conversation).get(0).get(0);
    }

    /** Starts every task on its own container thread at the same moment and waits for all of them. */
    private static void runAtOnce(List<Runnable> tasks) throws Exception {
        ManagedThreadFactory threads = lookup("java:comp/DefaultManagedThreadFactory");
        var start = new CountDownLatch(1);
        var workers = new ArrayList<Thread>();
        for (var task : tasks) {
            var worker = threads.newThread(() -> {
                try {
                    start.await();
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (var worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(worker.isAlive(), "a task is still running after 60 s");
        }
    }

    private static Optional<Timestamp> lastSeen(String node) throws Exception {
        try (var connection = dataSource().getConnection();
             var statement = connection.prepareStatement("SELECT last_seen FROM cluster_node WHERE name = ?")) {
            statement.setString(1, node);
            try (var result = statement.executeQuery()) {
                return result.next() ? Optional.of(result.getTimestamp(1)) : Optional.empty();
            }
        }
    }

    /** A single number: the first column of the one row. */
    private static long count(String sql, Object... parameters) throws Exception {
        var values = longs(sql, parameters);
        assertEquals(1, values.size(), "one row from " + sql);
        return values.get(0);
    }

    private static List<Long> longs(String sql, Object... parameters) throws Exception {
        return rows(sql, parameters).stream().map(row -> Long.valueOf(row.get(0))).toList();
    }

    /** Every row as strings (booleans as "true"/"false"). */
    private static List<List<String>> rows(String sql, Object... parameters) throws Exception {
        try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                var rows = new ArrayList<List<String>>();
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    var row = new ArrayList<String>();
                    for (int c = 1; c <= columns; c++) {
                        var value = result.getObject(c);
                        row.add(value instanceof Boolean b ? b.toString() : result.getString(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql + ": " + e, e);
        }
    }

    private static DataSource dataSource() throws NamingException {
        return lookup(DATA_SOURCE);
    }

    @SuppressWarnings("unchecked")
    private static <T> T lookup(String name) throws NamingException {
        return (T) InitialContext.doLookup(name);
    }
}
