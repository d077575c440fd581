package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.TestData.INBOX;
import static com.switchboard.it.Waits.await;
import static com.switchboard.it.Waits.runAtOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.Presence;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.AttachmentType;
import com.switchboard.inbox.entity.InactivityAction;
import com.switchboard.inbox.entity.InactivityPolicy;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.realtime.InboxMembers;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inbox administration: settings and their versions, the widget switch, deleting an inbox, memberships and capacities.
 */
@ExtendWith(ArquillianExtension.class)
class InboxAdministrationIT {

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    InboxService inboxes;

    @EJB
    AgentService agents;

    @EJB
    VisitorService visitors;

    @Inject
    InboxMembers inboxMembers;

    @Inject
    TestData data;

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
        var visitor = AnonymousVisitors.create(visitors);
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
        var posted = visitorMessages.post(name, AnonymousVisitors.create(visitors), "before the end");

        inboxes.delete(inbox.id());

        assertEquals("inbox.unknown", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.post(name, AnonymousVisitors.create(visitors), "after")).code());
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

    @Test
    public void theFanOutKnowsAMembershipChangeOnceItCommits() throws Exception {
        var inbox = inboxes.create(InboxSettings.defaults("Fan-out " + UUID.randomUUID()));
        var ada = data.plainAgent("Ada");
        var bob = data.plainAgent("Bob");
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
        var ada = data.plainAgent("Ada");
        var bob = data.plainAgent("Bob");

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
}
