package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.rows;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.Presence;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.UnpinCustomer;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.customer.boundary.CardTag;
import com.switchboard.customer.boundary.CustomerCards;
import com.switchboard.customer.boundary.CustomerTags;
import com.switchboard.customer.entity.NewCustomerTag;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The customer card: who the customer is, their other conversations, their tags. */
@ExtendWith(ArquillianExtension.class)
class CustomerCardIT {

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    InboxService inboxes;

    @EJB
    AgentService agents;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationParticipants participants;

    @EJB
    CustomerCards customerCards;

    @EJB
    CustomerTags customerTags;

    @EJB
    UnpinCustomer unpinCustomer;

    @Inject
    TestData data;

    @Test
    public void theCustomerCardSaysWhoTheCustomerIsAndListsTheirOtherConversationsTheAgentMayOpen() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
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
                () -> customerCards.card(data.plainAgent("Eve").id(), second)).code());
        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> customerCards.card(team.ada(), -1)).code());
    }

    @Test
    public void customerTagsComeFromTheCatalogueAreAddedPinnedAndRemovedAndBadInputChangesNothing() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
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
                () -> customerTags.add(data.plainAgent("Eve").id(), conversation, vip.id())).code());

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
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
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
                () -> unpinCustomer.unpin(data.plainAgent("Eve").id(), first)).code());
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

    @Test
    public void aConversationLeftOnTheOfflineFormSaysSoOnTheCardAndOneWrittenWhileAnAgentIsOnlineDoesNot()
            throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Offline form " + UUID.randomUUID()));
        long ada = data.member(inbox.id(), "Ada");
        var visitor = AnonymousVisitors.create(visitors);
        visitors.introduce(visitor, "Left a note", "note@example.com");
        long leftOffline = visitorMessages.post(inbox.settings().name(), visitor, "Call me back")
                .conversationId();
        assertTrue(customerCards.card(firstAdmin(), leftOffline).source().offlineForm());
        assertEquals("WIDGET", customerCards.card(firstAdmin(), leftOffline).source().channel());

        agents.changePresence(ada, Presence.ONLINE);
        try {
            long live = data.newChat(inbox.settings().name());
            assertFalse(customerCards.card(firstAdmin(), live).source().offlineForm());
        } finally {
            agents.changePresence(ada, Presence.OFFLINE);
        }
        lifecycle.delete(firstAdmin(), List.of(leftOffline));
        assertEquals(0L, count("SELECT COUNT(*) FROM offline_form_conversation WHERE conversation_id = ?",
                leftOffline), "gone with its conversation");
    }
}
