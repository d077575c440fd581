package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.pendingOffer;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.Waits.await;
import static com.switchboard.it.Waits.contend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Role;
import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.routing.boundary.InvitationService;
import com.switchboard.routing.boundary.RoutingService;
import com.switchboard.routing.boundary.Transfers;
import com.switchboard.routing.control.InvitationExpiry;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hand-overs between agents: transfers, moves to another inbox, invitations accepted, declined or expired. */
@ExtendWith(ArquillianExtension.class)
class InvitationsIT {

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
    VisitorService visitors;

    @EJB
    RoutingService routing;

    @EJB
    Transfers transfers;

    @EJB
    InvitationService invitations;

    @EJB
    InvitationExpiry expiry;

    @Inject
    TestData data;

    @Test
    public void theHolderTransfersToAColleagueWhoAcceptsAndThenAloneReadsIt() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada());
        var token = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(desk.inbox(), token, "help").conversationId();
        routing.accept(desk.ada(), pendingOffer(conversation, desk.ada()));

        assertEquals("conversation.reassign-forbidden", assertThrows(RequestRejectedException.class,
                () -> transfers.toAgent(desk.bob(), conversation, desk.bob())).code());
        assertEquals("agent.unavailable", assertThrows(RequestRejectedException.class,
                () -> transfers.toAgent(desk.ada(), conversation, desk.bob())).code(), "Bob is offline");
        var outsider = agents.create(new NewAgent("out." + UUID.randomUUID() + "@example.com", "Out",
                "out password!", Set.of(Role.AGENT))).id();
        assertEquals("inbox.not-member", assertThrows(RequestRejectedException.class,
                () -> transfers.toAgent(desk.ada(), conversation, outsider)).code());

        data.online(desk.bob());
        var transfer = transfers.toAgent(desk.ada(), conversation, desk.bob());
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
        var first = data.desk(AssignmentMode.AUTO, 30, 5);
        var second = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(first.ada(), second.bob());
        var token = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(first.inbox(), token, "billing question").conversationId();
        routing.accept(first.ada(), pendingOffer(conversation, first.ada()));
        long secondInbox = inboxes.findByName(second.inbox()).orElseThrow().getId();

        transfers.toInbox(first.ada(), conversation, secondInbox);

        pendingOffer(conversation, second.bob());
        assertEquals(secondInbox, count("SELECT inbox_id FROM conversation WHERE id = ?", conversation));
        assertEquals(conversation, visitorMessages.post(first.inbox(), token, "still me").conversationId(),
                "the visitor writes through the widget they started in and reaches the moved conversation");
        assertEquals("transfer.same-inbox", assertThrows(RequestRejectedException.class,
                () -> transfers.toInbox(firstAdmin(), conversation, secondInbox)).code());
    }

    @Test
    public void aClosedConversationChangesHandsAndStaysClosed() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada());
        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "thanks, bye")
                .conversationId();
        routing.accept(desk.ada(), pendingOffer(conversation, desk.ada()));
        lifecycle.close(conversation, desk.ada());

        var transfer = transfers.toAgent(desk.ada(), conversation, desk.bob());

        assertNull(transfer.offerId(), "handed over directly, even to an offline colleague");
        assertEquals(List.of(List.of("CLOSED", String.valueOf(desk.bob()))),
                rows("SELECT status, assignee_id FROM conversation WHERE id = ?", conversation));
    }

    @Test
    public void anInvitedColleagueAcceptsAndTakesPartWhileTheHolderStays() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada(), desk.bob());
        var token = AnonymousVisitors.create(visitors);
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
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada(), desk.bob());
        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "hand me over")
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
        var desk = data.desk(AssignmentMode.AUTO, 5, 5);
        data.online(desk.ada(), desk.bob());
        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "hm")
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
    public void anInvitationExpiringWhileItsConversationIsDeletedEndsQuietly() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada(), desk.bob());
        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "delete me")
                .conversationId();
        routing.accept(desk.ada(), pendingOffer(conversation, desk.ada()));
        var invitation = invitations.invite(desk.ada(), conversation, desk.bob(), false);
        var failure = contend(() -> data.lock(conversation),
                () -> expiry.expire(invitation.id()), // its timer fires, and waits for the conversation's lock
                () -> lifecycle.delete(firstAdmin(), List.of(conversation)),
                "%FROM conversation%FOR UPDATE%");
        assertNull(failure, () -> "the expiry failed, to be retried: " + failure);
        assertEquals(0L, count("SELECT COUNT(*) FROM invitation WHERE id = ?", invitation.id()));
    }

    @Test
    public void aRandomAvailableMemberOfAnInboxIsInvited() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        var experts = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada());
        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "expert please")
                .conversationId();
        routing.accept(desk.ada(), pendingOffer(conversation, desk.ada()));
        long expertsInbox = inboxes.findByName(experts.inbox()).orElseThrow().getId();

        assertEquals("invitation.nobody-available", assertThrows(RequestRejectedException.class,
                () -> invitations.inviteFromInbox(desk.ada(), conversation, expertsInbox, false)).code());
        data.online(experts.bob());
        var invitation = invitations.inviteFromInbox(desk.ada(), conversation, expertsInbox, false);

        assertEquals(experts.bob(), invitation.inviteeId(), "the only one online of that inbox");
    }
}
