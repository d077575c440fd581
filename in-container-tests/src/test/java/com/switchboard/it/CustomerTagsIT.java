package com.switchboard.it;

import static com.switchboard.it.Answers.json;
import static com.switchboard.it.Answers.unzip;
import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.Database.version;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Role;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.conversation.boundary.CustomerTagFilter;
import com.switchboard.conversation.boundary.UnpinCustomer;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.customer.boundary.CustomerCards;
import com.switchboard.customer.boundary.CustomerTagCatalogue;
import com.switchboard.customer.boundary.CustomerTags;
import com.switchboard.customer.entity.NewCustomerTag;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.Destinations;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Customer tags: the list's filters, the catalogue's admin page, live changes. */
@ExtendWith(ArquillianExtension.class)
class CustomerTagsIT {

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
    AgentAuthentication authentication;

    @EJB
    ConversationParticipants participants;

    @EJB
    CustomerCards customerCards;

    @EJB
    CustomerTags customerTags;

    @EJB
    UnpinCustomer unpinCustomer;

    @EJB
    CustomerTagCatalogue tagCatalogue;

    /** The application's own URL, for the tests that go through HTTP. */
    @ArquillianResource
    URL deployment;

    @Inject
    TestData data;

    @Test
    public void customerTagFiltersFindTheUntaggedThoseWithEveryTagChosenAndThePinnedOnes() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Filters " + UUID.randomUUID()));
        long ada = data.member(inbox.id(), "Ada");
        long gold = newCustomerTag("Gold");
        long vip = newCustomerTag("VIP");
        long spare = newCustomerTag("Spare");
        long both = data.newChat(inbox.settings().name());
        long goldPinned = data.newChat(inbox.settings().name());
        long untagged = data.newChat(inbox.settings().name());
        long unpinned = data.newChat(inbox.settings().name());
        customerTags.add(ada, both, gold);
        customerTags.add(ada, both, vip);
        customerTags.add(ada, goldPinned, gold);
        customerTags.pin(ada, goldPinned, gold, true);
        customerTags.add(ada, unpinned, gold);
        unpinCustomer.unpin(ada, unpinned);
        var ours = ConversationQuery.all().withInboxes(List.of(inbox.id()));
        assertEquals(Set.of(both, goldPinned, untagged, unpinned), data.listed(ada, ours));

        assertAll(
                () -> assertEquals(Set.of(untagged, unpinned), data.listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.none())), "no tags, or no customer any more"),
                () -> assertEquals(Set.of(both, goldPinned), data.listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.allOf(Set.of(gold), false)))),
                () -> assertEquals(Set.of(both), data.listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.allOf(Set.of(gold, vip), false))), "all of them, not any"),
                () -> assertEquals(Set.of(), data.listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.allOf(Set.of(gold, spare), false)))),
                () -> assertEquals(Set.of(goldPinned), data.listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.allOf(Set.of(), true))), "Pinned alone: some tag pinned"),
                () -> assertEquals(Set.of(goldPinned), data.listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.allOf(Set.of(gold), true)))),
                () -> assertEquals(Set.of(), data.listed(ada, ours.withCustomerTags(
                        CustomerTagFilter.allOf(Set.of(gold, vip), true))), "VIP is carried, not pinned"),
                () -> assertEquals(1, data.page(ada, ours.withCustomerTags(CustomerTagFilter.allOf(Set.of(gold, vip),
                        false))).total(), "the count follows the same filter"));

        // The picker counts the conversations Ada may read; pinned, only where pinned, and only pinned tags.
        assertEquals(Map.of(gold, 2L, vip, 1L, spare, 0L), pickerCounts(ada, false, gold, vip, spare));
        assertEquals(Map.of(gold, 1L), pickerCounts(ada, true, gold, vip, spare));
        long eve = data.plainAgent("Eve").id();
        assertEquals(Map.of(gold, 0L, vip, 0L, spare, 0L), pickerCounts(eve, false, gold, vip, spare),
                "no conversation of theirs carries them");
        assertEquals(Set.of(), data.listed(eve, ConversationQuery.all().withCustomerTags(
                CustomerTagFilter.allOf(Set.of(gold), false))), "a filter widens nothing");
    }

    @Test
    public void customerTagFilterParametersOutOfBoundsAreRefusedWithTheirCodesAndTheOldTagFiltersStillWork()
            throws Exception {
        var team = data.team();
        long chat = data.newChat(team.inbox());
        participants.handOn(chat, firstAdmin(), team.ada());
        long gold = newCustomerTag("Gold");
        customerTags.add(team.ada(), chat, gold);
        var read = version(chat);
        lifecycle.retag(chat, team.ada(), read, List.of("billing", "refund"));
        var token = data.tokenOf(team.ada(), "Ada");
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
    public void adminsRenameRecolourAndDeleteCustomerTagsSayingWhoCarriesThemAndDecideWhoCreatesThem()
            throws Exception {
        var team = data.team();
        long first = data.newChat(team.inbox());
        long second = data.newChat(team.inbox());
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
                .header("Authorization", "Bearer " + data.tokenOf(team.ada(), "Ada")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, adaDeletes.statusCode(), adaDeletes.body());
        assertEquals("customer-tag.admins-only", json(adaDeletes.body()).getString("code"));
        var adaChanges = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api("agent/customer-tags/" + gold))
                .header("Authorization", "Bearer " + data.tokenOf(team.ada(), "Ada")).header("Content-Type",
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
    public void changesOfACustomerAndOfTheCatalogueReachTheConsolesOnceCommittedAndRefusalsSayNothing()
            throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
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

    private URI api(String path) {
        return Answers.api(deployment, path);
    }

    @Test
    public void exportsHoldWhatTheListWithTheSameCustomerTagFiltersShowsAndRefuseWhatItRefuses() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Exports " + UUID.randomUUID()));
        long sue = data.supervisor("Sue", inbox.id());
        long gold = newCustomerTag("Gold");
        long vip = newCustomerTag("VIP");
        long goldPinned = data.newChat(inbox.settings().name());
        long goldVip = data.newChat(inbox.settings().name());
        long untagged = data.newChat(inbox.settings().name());
        customerTags.add(sue, goldPinned, gold);
        customerTags.pin(sue, goldPinned, gold, true);
        customerTags.add(sue, goldVip, gold);
        customerTags.add(sue, goldVip, vip);
        var token = data.tokenOf(sue, "Sue");
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
}
