package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.dataSource;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.longs;
import static com.switchboard.it.Database.lookup;
import static com.switchboard.it.Database.pendingOffer;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.Database.status;
import static com.switchboard.it.Waits.await;
import static com.switchboard.it.Waits.contend;
import static com.switchboard.it.Waits.runAtOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.agent.entity.Role;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.messaging.Destinations;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.routing.boundary.RoutingService;
import com.switchboard.routing.control.OfferEndings;
import com.switchboard.routing.control.Router;
import com.switchboard.routing.entity.RoutingOutcome;
import com.switchboard.visitor.boundary.AgentBlocks;
import com.switchboard.visitor.boundary.VisitorBlocks;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Routing: offers in auto, broadcast and manual inboxes, capacity, races, expiry, blocks, the queue position and the
 * sweeper.
 */
@ExtendWith(ArquillianExtension.class)
class RoutingIT {

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    AgentService agents;

    @EJB
    VisitorService visitors;

    @EJB
    VisitorBlocks blocks;

    @EJB
    RoutingService routing;

    @EJB
    Router router;

    @EJB
    OfferEndings endings;

    @EJB
    AgentBlocks agentBlocks;

    @Inject
    TestData data;

    @Test
    public void autoRoutingOffersTheLeastLoadedOnlineMemberAndARejectionMovesItOn() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada(), desk.bob());

        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "help")
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
    public void anAcceptedOfferTellsTheInboxsMembersThatItIsTaken() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada());
        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "help")
                .conversationId();
        long offer = pendingOffer(conversation, desk.ada());
        try (var events = TopicSubscriber.subscribe(Destinations.CONVERSATION_EVENTS)) {
            routing.accept(desk.ada(), offer);
            var taken = events.await(body -> body.contains("\"type\":\"conversation.taken\"")
                    && body.contains("\"conversationId\":" + conversation + ","), Duration.ofSeconds(15))
                    .orElseThrow(() -> new AssertionError("Bob's list, which showed the chat waiting, is not told it "
                            + "is taken: " + events.seen()));
            JsonObject news;
            try (var reader = Json.createReader(new StringReader(taken))) {
                news = reader.readObject();
            }
            assertFalse(news.containsKey("agentId"), () -> "for every member of the inbox: " + news);
            assertEquals(desk.ada(), news.getJsonNumber("byAgentId").longValue(), news::toString);
        }
    }

    @Test
    public void aMemberWhoBlockedTheVisitorIsSkippedWithTheReason() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada(), desk.bob());
        var token = AnonymousVisitors.create(visitors);
        agentBlocks.blockVisitor(desk.ada(), visitors.requireByToken(token).getId());

        long conversation = visitorMessages.post(desk.inbox(), token, "hello").conversationId();
        pendingOffer(conversation, desk.bob());
        var offered = routing.decisions(firstAdmin(), conversation).get(0);
        assertTrue(offered.explanation().contains("#" + desk.ada() + ": has blocked this visitor"),
                offered.explanation());
    }

    @Test
    public void aMissedOfferRingsAgainForTheOnlyAgentOnlineAndGoesToAColleagueFirstOnceThereIsOne()
            throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 5, 5);
        data.online(desk.ada());

        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "hello?")
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
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        long spam = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "buy cheap watches")
                .conversationId();
        blocks.blockVisitor(firstAdmin(), visitorOf(spam), "spam", Duration.ofHours(1));
        data.online(desk.ada());

        long rude = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "hello").conversationId();
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

        long next = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "hi").conversationId();
        pendingOffer(next, desk.ada());
    }

    @Test
    public void anOfferMadeWhileTheVisitorIsBeingBlockedIsWithdrawnOnceTheBlockCommits() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        long chat = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "hello").conversationId();
        long visitor = visitorOf(chat);
        long admin = firstAdmin();
        UserTransaction transaction = lookup("java:comp/UserTransaction");
        transaction.begin();
        try {
            data.online(desk.ada());
            assertEquals(RoutingOutcome.OFFERED, data.routeHoldingTheLock(chat), "routing read no block yet");
            runAtOnce(List.of(() -> blocks.blockVisitor(admin, visitor, "abusive language", Duration.ofHours(1))));
            transaction.commit();
        } finally {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        }
        await("the offer made while the block committed is withdrawn", () -> count(
                "SELECT COUNT(*) FROM offer WHERE conversation_id = ? AND status = 'CANCELLED'", chat) == 1);
        assertEquals(0L, count("SELECT COUNT(*) FROM offer WHERE conversation_id = ? AND status = 'PENDING'", chat));
        assertEquals("WAITING", status(chat));
        assertTrue(routing.decisions(admin, chat).stream().anyMatch(d -> d.outcome().equals("CANCELLED")
                && d.explanation().equals("The visitor was blocked.")));
    }

    @Test
    public void aBlockThisNodeHasNotHeardOfYetKeepsTheChatFromBeingOffered() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        var token = AnonymousVisitors.create(visitors);
        long chat = visitorMessages.post(desk.inbox(), token, "hello").conversationId();
        assertFalse(blocks.isBlocked(visitors.requireByToken(token)), "this node's copy of the blocks, read now");
        // Made as another node makes it: committed, and this node's copy not told.
        try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(
                "INSERT INTO visitor_block (visitor_id, reason, blocked_by, blocked_at, version)"
                        + " VALUES (?, ?, ?, ?, 0)")) {
            statement.setLong(1, visitorOf(chat));
            statement.setString(2, "spam, blocked on another node");
            statement.setLong(3, firstAdmin());
            statement.setTimestamp(4, Timestamp.from(Instant.now()));
            assertEquals(1, statement.executeUpdate());
        }
        assertFalse(blocks.isBlocked(visitors.requireByToken(token)), "this node's copy has not heard of it");

        data.online(desk.ada());
        router.route(chat, true);
        assertTrue(routing.decisions(firstAdmin(), chat).stream().anyMatch(d -> d.outcome().equals("WAITING")
                && d.explanation().equals("Not offered: the visitor is blocked.")));
        assertEquals(0L, count("SELECT COUNT(*) FROM offer WHERE conversation_id = ?", chat));
    }

    @Test
    public void anOfferEndingWhileItsConversationIsDeletedEndsQuietly() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada());
        long chat = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "hello").conversationId();
        long offer = pendingOffer(chat, desk.ada());
        long admin = firstAdmin();
        var failure = contend(() -> data.lock(chat),
                () -> endings.cancel(offer), // Ada went away: her offer ends, and waits for the conversation's lock
                () -> lifecycle.delete(admin, List.of(chat)),
                "%FROM conversation%FOR UPDATE%");
        assertNull(failure, () -> "the offer's ending failed: " + failure);
        assertEquals(0L, count("SELECT COUNT(*) FROM conversation WHERE id = ?", chat));
    }

    @Test
    public void aNetworkBlockWithdrawsTheOffersOfTheVisitorsLastSeenInIt() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada());
        var inside = AnonymousVisitors.create(visitors);
        visitors.recordContext(inside, VisitorContext.connection("203.0.113.7", null));
        var outside = AnonymousVisitors.create(visitors);
        visitors.recordContext(outside, VisitorContext.connection("198.51.100.9", null));
        long fromInside = visitorMessages.post(desk.inbox(), inside, "hello from inside").conversationId();
        long fromOutside = visitorMessages.post(desk.inbox(), outside, "hello from outside").conversationId();
        long insideOffer = pendingOffer(fromInside, desk.ada());
        long outsideOffer = pendingOffer(fromOutside, desk.ada());

        var block = blocks.blockNetwork(firstAdmin(), "203.0.113.0/24", "a flood from there", Duration.ofHours(1));
        try {
            assertEquals("CANCELLED", rows("SELECT status FROM offer WHERE id = ?", insideOffer).get(0).get(0),
                    "the offer to a visitor in the network is withdrawn with the block");
            assertEquals("WAITING", status(fromInside));
            assertEquals("PENDING", rows("SELECT status FROM offer WHERE id = ?", outsideOffer).get(0).get(0),
                    "a visitor elsewhere keeps theirs");
        } finally {
            // A network block holds for every visitor of the node: the tests that follow use that network too.
            blocks.lift(firstAdmin(), block.id());
        }
    }

    @Test
    public void capacityIsNeverExceededAndAClosedConversationGivesItsPlaceAtOnce() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 2);
        data.online(desk.ada());
        var tokens = LongStream.range(0, 6).mapToObj(i -> AnonymousVisitors.create(visitors)).toList();
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
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "race")
                .conversationId();
        // Both offline so far: the conversation waits. Now everyone routes it at once, the queue's consumers too.
        data.online(desk.ada(), desk.bob());
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
            var desk = data.desk(AssignmentMode.AUTO, 30, 5);
            data.online(desk.ada());
            var offers = new ArrayList<Long>();
            for (int i = 0; i < 2; i++) {
                long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "expire")
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
                    endings.expire(offer);
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
        var desk = data.desk(AssignmentMode.AUTO, 30, 20);
        data.online(desk.ada());
        for (int round = 0; round < 5; round++) {
            long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "tick")
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
            }, () -> endings.expire(offer)));
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
        var desk = data.desk(AssignmentMode.BROADCAST, 30, 5);
        data.online(desk.ada(), desk.bob());
        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "anyone?")
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
        var desk = data.desk(AssignmentMode.MANUAL, 30, 1);
        data.online(desk.ada());
        var supervisor = agents.create(new NewAgent("sue." + UUID.randomUUID() + "@example.com", "Sue",
                "sue password!", Set.of(Role.SUPERVISOR))).id();
        long first = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "one").conversationId();
        long second = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "two").conversationId();
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
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada());
        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "hi")
                .conversationId();
        long offer = pendingOffer(conversation, desk.ada());
        agents.changePresence(desk.bob(), Presence.ONLINE);

        agents.changePresence(desk.ada(), Presence.AWAY);

        pendingOffer(conversation, desk.bob());
        assertEquals("CANCELLED", rows("SELECT status FROM offer WHERE id = ?", offer).get(0).get(0));
    }

    @Test
    public void eachWaitingVisitorKnowsTheirPlaceInTheQueue() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 1);
        var tokens = List.of(AnonymousVisitors.create(visitors), AnonymousVisitors.create(visitors), AnonymousVisitors.create(visitors));
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

        data.online(desk.ada());
        pendingOffer(conversations.get(0), desk.ada());

        assertTrue(routing.queuePosition(tokens.get(0), conversations.get(0)).isEmpty(), "offered: out of the queue");
        assertEquals(1, routing.queuePosition(tokens.get(1), conversations.get(1)).orElseThrow().place());
        assertEquals(2, routing.queuePosition(tokens.get(2), conversations.get(2)).orElseThrow().waiting());
    }

    @Test
    public void aWaitingConversationWhoseRoutingRequestWasLostIsRoutedByTheSweeper() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 1);
        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "anyone?")
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

    private static long visitorOf(long conversation) throws Exception {
        return longs("SELECT visitor_id FROM conversation WHERE id = ?", conversation).get(0);
    }

    /** Conversations the agent holds plus offers waiting for their answer. */
    private static long load(long agent) throws Exception {
        return count("SELECT COUNT(*) FROM conversation WHERE assignee_id = ? AND status = 'ASSIGNED'", agent)
                + count("SELECT COUNT(*) FROM offer WHERE agent_id = ? AND status = 'PENDING'", agent);
    }
}
