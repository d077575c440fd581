package com.switchboard.it;

import static com.switchboard.it.Database.firstAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.AgentWorkspace;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The agent's workspace: drafts on the server, read marks and unread counts. */
@ExtendWith(ArquillianExtension.class)
class AgentWorkspaceIT {

    @EJB
    AgentMessages agentMessages;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    AgentWorkspace workspace;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationParticipants participants;

    @Inject
    TestData data;

    @Test
    public void draftsStayOnTheServerForTheirAgentAndObeyTheMessageRules() throws Exception {
        var team = data.team();
        long conversation = visitorMessages.post(team.inbox(), AnonymousVisitors.create(visitors), "Hi")
                .conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());

        workspace.saveDraft(team.ada(), conversation, "  Let me check that for y");
        assertEquals(Optional.of("Let me check that for y"), workspace.draft(team.ada(), conversation));
        assertEquals("message.too-long", assertThrows(RequestRejectedException.class,
                () -> workspace.saveDraft(team.ada(), conversation, "d".repeat(2001))).code());
        assertEquals(Optional.of("Let me check that for y"), workspace.draft(team.ada(), conversation),
                "a refused draft leaves the kept one alone");
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> workspace.saveDraft(team.bob(), conversation, "not mine")).code());

        workspace.saveDraft(team.ada(), conversation, " ");
        assertEquals(Optional.empty(), workspace.draft(team.ada(), conversation));
    }

    @Test
    public void unreadCountsFollowWhatEachAgentReadAndMarkUnreadIsTheirsAlone() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(team.inbox(), visitor, "one").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        visitorMessages.post(team.inbox(), visitor, "two");
        agentMessages.reply(conversation, team.ada(), "my own reply does not count", null);

        assertEquals(Map.of(conversation, 2L), workspace.unread(team.ada()));
        workspace.markRead(team.ada(), conversation, 99);
        assertEquals(0L, workspace.unreadTotal(team.ada()), "read up to the last message, not beyond");
        visitorMessages.post(team.inbox(), visitor, "three");
        assertEquals(1L, workspace.unreadTotal(team.ada()));
        workspace.markRead(team.ada(), conversation, 1);
        assertEquals(1L, workspace.unreadTotal(team.ada()), "reading never goes backwards");

        workspace.markRead(team.ada(), conversation, 4);
        workspace.markUnread(team.ada(), conversation);
        assertEquals(1L, workspace.unreadTotal(team.ada()), "marked unread counts as one");
        participants.handOn(conversation, team.ada(), team.bob());
        assertEquals(0L, workspace.unreadTotal(team.ada()), "what Ada no longer holds is not in her counts");
        assertEquals(Map.of(conversation, 4L), workspace.unread(team.bob()),
                "Bob has read nothing yet: three visitor messages and Ada's reply");
    }
}
