package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.Waits.runAtOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.VisitorArrivals;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.VisitorBlocks;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A visitor's row comes with their first act: handshakes hand out signed tokens and store nothing; a first message
 * or introduction makes the row where the visitor was, once, also when several come at once; a refused one
 * stores nothing; a token this installation did not issue is unknown.
 */
@ExtendWith(ArquillianExtension.class)
class VisitorFirstActsIT {

    @EJB
    VisitorArrivals arrivals;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    VisitorService visitors;

    @EJB
    VisitorBlocks blocks;

    @Inject
    TestData data;

    @Test
    public void handshakesStoreNothingAndTheFirstMessageMakesOneRowWhereTheVisitorWas() throws Exception {
        var team = data.team();
        long before = count("SELECT COUNT(*) FROM visitor");
        var arrival = arrivals.arrive(team.inbox(), null, "192.0.2.10");
        assertNull(arrival.visitorId());
        var token = arrival.token();
        assertTrue(visitors.issued(token));
        var again = arrivals.arrive(team.inbox(), token, "192.0.2.10");
        assertEquals(token, again.token(), "a reload keeps the token");
        assertNull(again.visitorId());
        var forged = token.substring(0, 44) + (token.endsWith("A") ? "B" : "A");
        assertNotEquals(forged, arrivals.arrive(team.inbox(), forged, "192.0.2.10").token(), "replaced as unknown");
        assertEquals(before, count("SELECT COUNT(*) FROM visitor"));
        assertEquals("visitor.unknown", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.post(team.inbox(), forged, "hello")).code());
        assertEquals("visitor.unknown", assertThrows(RequestRejectedException.class,
                () -> visitors.introduce(forged, "Mallory", null, null)).code());

        var known = new ConcurrentLinkedQueue<Long>();
        var posted = visitorMessages.postFirst(team.inbox(), token, "hello", null,
                new VisitorContext("192.0.2.10", "IT/1.0", "https://shop.example/a", "Page A"), known::add);
        assertEquals(1, posted.seq());
        assertEquals(List.of(List.of("192.0.2.10", "IT/1.0", "https://shop.example/a", "Page A")),
                rows("SELECT ip_address, user_agent, page_url, page_title FROM visitor WHERE token = ?", token));
        assertEquals(before + 1, count("SELECT COUNT(*) FROM visitor"));
        var id = count("SELECT id FROM visitor WHERE token = ?", token);
        assertEquals(List.of(id), List.copyOf(known), "the caller learns whose message it was");
        var back = arrivals.arrive(team.inbox(), token, "192.0.2.10");
        assertEquals(Long.valueOf(id), back.visitorId());
        assertEquals(2, visitorMessages.post(team.inbox(), token, "still there?").seq());
    }

    @Test
    public void aRefusedFirstActStoresNothingAndAnIntroductionIsAnAct() throws Exception {
        var team = data.team();
        var token = arrivals.arrive(team.inbox(), null, "192.0.2.11").token();
        var block = blocks.blockNetwork(firstAdmin(), "192.0.2.128/25", "spam wave", Duration.ofMinutes(5));
        try {
            assertEquals("visitor.blocked", assertThrows(RequestRejectedException.class,
                    () -> visitorMessages.postFirst(team.inbox(), token, "spam", null,
                            VisitorContext.connection("192.0.2.200", null), visitorId -> { })).code());
            assertEquals("visitor.blocked", assertThrows(RequestRejectedException.class,
                    () -> arrivals.arrive(team.inbox(), token, "192.0.2.201")).code(), "a network blocks rowless");
            assertEquals(0, count("SELECT COUNT(*) FROM visitor WHERE token = ?", token));
        } finally {
            blocks.lift(firstAdmin(), block.id());
        }
        visitors.introduce(token, "Grace", "grace@example.com", VisitorContext.connection("192.0.2.11", null));
        assertEquals(List.of(List.of("Grace", "grace@example.com", "192.0.2.11")),
                rows("SELECT display_name, email, ip_address FROM visitor WHERE token = ?", token));
    }

    @Test
    public void firstMessagesOfOneTokenAtOnceMakeOneRowAndOneConversation() throws Exception {
        var team = data.team();
        var token = arrivals.arrive(team.inbox(), null, "192.0.2.12").token();
        var conversations = new ConcurrentLinkedQueue<Long>();
        var failures = new ConcurrentLinkedQueue<Throwable>();
        runAtOnce(IntStream.range(0, 8).<Runnable>mapToObj(i -> () -> {
            try {
                conversations.add(visitorMessages.postFirst(team.inbox(), token, "tab " + i, "tab-" + i,
                        VisitorContext.connection("192.0.2.12", null), visitorId -> { }).conversationId());
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }).toList());
        assertEquals(List.of(), List.copyOf(failures));
        assertEquals(8, conversations.size());
        assertEquals(1, Set.copyOf(conversations).size(), "one conversation: " + conversations);
        assertEquals(1, count("SELECT COUNT(*) FROM visitor WHERE token = ?", token));
        assertNotNull(visitors.findByToken(token).orElse(null));
        assertEquals(8, count("SELECT last_seq FROM conversation WHERE id = ?", conversations.peek()));
    }
}
