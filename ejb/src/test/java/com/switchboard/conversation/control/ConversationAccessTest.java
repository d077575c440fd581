package com.switchboard.conversation.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Role;
import com.switchboard.conversation.entity.Channel;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.visitor.entity.Visitor;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationAccessTest {

    private final Agent admin = agent("admin", Role.ADMIN);
    private final Agent supervisor = agent("supervisor", Role.SUPERVISOR);
    private final Agent holder = agent("holder", Role.AGENT);
    private final Agent colleague = agent("colleague", Role.AGENT);
    private final Conversation waiting = conversation();
    private final Conversation held = conversation();

    ConversationAccessTest() {
        held.assignTo(holder);
    }

    @Test
    void aWaitingConversationIsAssignedBySupervisors() {
        assertTrue(ConversationAccess.canAssign(supervisor, waiting));
        assertTrue(ConversationAccess.canAssign(admin, waiting));
        assertFalse(ConversationAccess.canAssign(colleague, waiting));
        assertFalse(ConversationAccess.canReply(colleague, waiting), "nobody replies before taking it");
    }

    @Test
    void aHeldConversationBelongsToItsHolderAndThoseWhoOversee() {
        assertTrue(ConversationAccess.canReply(holder, held));
        assertTrue(ConversationAccess.canClose(holder, held));
        assertFalse(ConversationAccess.canClose(colleague, held));
        assertTrue(ConversationAccess.oversees(supervisor));
        assertTrue(ConversationAccess.oversees(admin));
        assertFalse(ConversationAccess.oversees(holder));
        assertTrue(ConversationAccess.canReply(admin, held));
        assertFalse(ConversationAccess.canReply(supervisor, held));
    }

    @Test
    void onlyAnAdminOrTheHolderHandsItOnAndThePreviousHolderKeepsNoRights() {
        assertFalse(ConversationAccess.canAssign(supervisor, held));
        assertFalse(ConversationAccess.canAssign(colleague, held));
        assertTrue(ConversationAccess.canAssign(admin, held));
        assertTrue(ConversationAccess.canAssign(holder, held));

        held.assignTo(colleague);

        assertFalse(ConversationAccess.holds(holder, held));
        assertFalse(ConversationAccess.canReply(holder, held), "the previous holder no longer replies");
        assertFalse(ConversationAccess.canAssign(holder, held));
        assertTrue(ConversationAccess.canReply(colleague, held));
    }

    @Test
    void whoeverMayHandItOnOrOverseesInvitesColleagues() {
        assertTrue(ConversationAccess.canInvite(holder, held));
        assertTrue(ConversationAccess.canInvite(supervisor, held), "a supervisor invites though not handing on");
        assertTrue(ConversationAccess.canInvite(admin, held));
        assertFalse(ConversationAccess.canInvite(colleague, held));
        assertFalse(ConversationAccess.canInvite(colleague, waiting), "an agent does not invite into a waiting one");
        assertTrue(ConversationAccess.canInvite(supervisor, waiting));
    }

    private static Agent agent(String name, Role role) {
        return new Agent(name + "@example.com", name, "hash", Set.of(role));
    }

    private static Conversation conversation() {
        return new Conversation(new Inbox(InboxSettings.defaults("support"), "key", "secret"), new Visitor("token"),
                Channel.WIDGET, Instant.parse("2026-12-07T09:00:00Z"));
    }
}
