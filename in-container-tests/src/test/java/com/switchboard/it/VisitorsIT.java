package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.Waits.runAtOnce;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.LiveSignals;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.Destinations;
import com.switchboard.visitor.boundary.SignedIdentities;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.control.IdentitySignature;
import com.switchboard.visitor.entity.VerifiedIdentity;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Visitors: signed identities across devices, where they are, their context and tags. */
@ExtendWith(ArquillianExtension.class)
class VisitorsIT {

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    InboxService inboxes;

    @EJB
    VisitorService visitors;

    @EJB
    SignedIdentities identities;

    @EJB
    LiveSignals signals;

    @Inject
    TestData data;

    @Test
    public void signedIdentitiesVerifyOnceAndFollowThePersonAcrossDevices() throws Exception {
        var team = data.team();
        long inboxId = inboxes.findByName(team.inbox()).orElseThrow().getId();
        var secret = inboxes.identitySecret(inboxId);
        var identity = new VerifiedIdentity("customer-" + UUID.randomUUID(), "Ada Lovelace", "Ada@Example.com");
        long now = Instant.now().getEpochSecond();
        var anonymous = AnonymousVisitors.create(visitors);
        long started = visitorMessages.post(team.inbox(), anonymous, "before signing in").conversationId();

        var signature = IdentitySignature.sign(secret, identity, now);
        var token = identities.identify(team.inbox(), identity, now, signature, anonymous);

        assertEquals(anonymous, token, "signing in on the site verifies the visitor in place, chat and all");
        assertEquals(List.of(List.of("Ada Lovelace", "ada@example.com", identity.externalId(), "true")),
                rows("SELECT display_name, email, external_id, identity_verified FROM visitor WHERE token = ?", token));
        assertEquals("visitor.identity.replayed", assertThrows(RequestRejectedException.class,
                () -> identities.identify(team.inbox(), identity, now, signature, null)).code());

        // The same person on another device gets the same visitor, so the same conversation.
        var otherDevice = AnonymousVisitors.create(visitors);
        var again = identities.identify(team.inbox(), identity, now + 1,
                IdentitySignature.sign(secret, identity, now + 1), otherDevice);
        assertEquals(token, again);
        assertEquals(started, visitorMessages.post(team.inbox(), again, "from my phone").conversationId());

        assertEquals("visitor.verified", assertThrows(RequestRejectedException.class,
                () -> visitors.introduce(token, "Mallory", null)).code());
        assertEquals("visitor.identity.signature", assertThrows(RequestRejectedException.class,
                () -> identities.identify(team.inbox(), new VerifiedIdentity(identity.externalId(), "Mallory", null),
                        now + 2, IdentitySignature.sign(secret, identity, now + 2), null)).code());
        var rotated = inboxes.rotateIdentitySecret(inboxId);
        assertNotEquals(secret, rotated);
        assertEquals("visitor.identity.signature", assertThrows(RequestRejectedException.class,
                () -> identities.identify(team.inbox(), identity, now + 3, IdentitySignature.sign(secret, identity,
                        now + 3), null)).code(), "a rotated secret makes the old one worthless at once");
        assertEquals(1L, count("SELECT COUNT(*) FROM visitor WHERE external_id = ?", identity.externalId()));
    }

    @Test
    public void aVisitorsNewPageReachesTheReadersOfTheirConversationAfterItIsKept() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Pages " + UUID.randomUUID()));
        var token = AnonymousVisitors.create(visitors);
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
        var team = data.team();
        var token = AnonymousVisitors.create(visitors);
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
        var team = data.team();
        var token = AnonymousVisitors.create(visitors);
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
}
