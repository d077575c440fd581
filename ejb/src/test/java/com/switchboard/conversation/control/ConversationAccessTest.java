package com.switchboard.conversation.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Role;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.visitor.entity.Visitor;
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
    void aWaitingConversationIsReadByTheInboxesMembersAndAssignedBySupervisors() {
        assertTrue(ConversationAccess.canRead(colleague, waiting, true));
        assertFalse(ConversationAccess.canRead(colleague, waiting, false));
        assertTrue(ConversationAccess.canAssign(supervisor, waiting));
        assertTrue(ConversationAccess.canAssign(admin, waiting));
        assertFalse(ConversationAccess.canAssign(colleague, waiting));
        assertFalse(ConversationAccess.canReply(colleague, waiting), "nobody replies before taking it");
    }

    @Test
    void aHeldConversationBelongsToItsHolderAndThoseWhoOversee() {
        assertTrue(ConversationAccess.canRead(holder, held, true));
        assertTrue(ConversationAccess.canReply(holder, held));
        assertTrue(ConversationAccess.canClose(holder, held));
        assertFalse(ConversationAccess.canRead(colleague, held, true), "a member does not read a colleague's chat");
        assertTrue(ConversationAccess.canRead(supervisor, held, false));
        assertTrue(ConversationAccess.canRead(admin, held, false));
        assertTrue(ConversationAccess.canReply(admin, held));
        assertFalse(ConversationAccess.canReply(supervisor, held));
    }

    @Test
    void onlyAnAdminOrTheHolderHandsItOnAndThePreviousHolderLosesIt() {
        assertFalse(ConversationAccess.canAssign(supervisor, held));
        assertFalse(ConversationAccess.canAssign(colleague, held));
        assertTrue(ConversationAccess.canAssign(admin, held));
        assertTrue(ConversationAccess.canAssign(holder, held));

        held.assignTo(colleague);

        assertFalse(ConversationAccess.canRead(holder, held, true), "the previous holder loses the history");
        assertTrue(ConversationAccess.canRead(colleague, held, true));
        assertTrue(ConversationAccess.canRead(admin, held, false), "admins keep it");
    }

    private static Agent agent(String name, Role role) {
        return new Agent(name + "@example.com", name, "hash", Set.of(role));
    }

    private static Conversation conversation() {
        return new Conversation(new Inbox(InboxSettings.defaults("support"), "key", "secret"), new Visitor("token"));
    }
}
