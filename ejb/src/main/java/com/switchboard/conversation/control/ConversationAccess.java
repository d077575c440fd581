package com.switchboard.conversation.control;

import com.switchboard.agent.control.ActiveAgents;
import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Role;
import com.switchboard.conversation.entity.Conversation;

/**
 * Who may do what with a conversation. Admins and supervisors oversee every conversation; an agent sees the
 * conversations they hold and the waiting ones of their inboxes, so a previous assignee loses the history
 * once it changes hands.
 */
public final class ConversationAccess {

    private ConversationAccess() {
    }

    public static boolean canRead(Agent agent, Conversation conversation, boolean memberOfInbox) {
        return oversees(agent) || holds(agent, conversation)
                || (conversation.getAssignee() == null && memberOfInbox);
    }

    /** Public messages come from the agent holding the conversation, or from an admin stepping in. */
    public static boolean canReply(Agent agent, Conversation conversation) {
        return agent.getRoles().contains(Role.ADMIN) || holds(agent, conversation);
    }

    /** Only an admin or the current assignee hands a conversation on; a waiting one is assigned by a supervisor. */
    public static boolean canAssign(Agent agent, Conversation conversation) {
        if (agent.getRoles().contains(Role.ADMIN)) {
            return true;
        }
        return conversation.getAssignee() == null ? agent.getRoles().contains(Role.SUPERVISOR)
                : holds(agent, conversation);
    }

    /** Closing and archiving: whoever holds it, or whoever oversees. */
    public static boolean canClose(Agent agent, Conversation conversation) {
        return oversees(agent) || holds(agent, conversation);
    }

    private static boolean oversees(Agent agent) {
        return ActiveAgents.oversees(agent);
    }

    private static boolean holds(Agent agent, Conversation conversation) {
        var assignee = conversation.getAssignee();
        return assignee != null && (assignee == agent || assignee.getId() != null && assignee.getId().equals(agent.getId()));
    }
}
