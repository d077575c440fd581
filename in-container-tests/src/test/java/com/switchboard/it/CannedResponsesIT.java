package com.switchboard.it;

import static com.switchboard.it.Database.firstAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.canned.boundary.CannedResponseService;
import com.switchboard.canned.entity.CannedText;
import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Canned responses: the agent's own, the organisation's, search, and quick replies. */
@ExtendWith(ArquillianExtension.class)
class CannedResponsesIT {

    @EJB
    AgentMessages agentMessages;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    CannedResponseService canned;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationParticipants participants;

    @Inject
    TestData data;

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

    @Test
    public void agentsKeepTheirOwnCannedResponsesAndOnlyAdminsWriteTheOrganisations() throws Exception {
        var team = data.team();
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
        var team = data.team();
        long conversation = visitorMessages.post(team.inbox(), AnonymousVisitors.create(visitors), "Where is my parcel?")
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
}
