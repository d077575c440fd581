package com.switchboard.conversation.control;

import com.switchboard.agent.control.ActiveAgents;
import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Role;
import com.switchboard.conversation.entity.Conversation;

/**
 * Who may do what with a conversation. Admins and supervisors oversee every conversation. Who may read one is a
 * question for the database (memberships, participants) and is answered in one place, {@link ConversationVisibility},
 * for single conversations and lists alike.
 */
public final class ConversationAccess {

    private ConversationAccess() {
    }

    /** Admins and supervisors see every conversation. */
    public static boolean oversees(Agent agent) {
        return ActiveAgents.oversees(agent);
    }

    /**
     * Public messages come from the agent holding the conversation, or from an admin stepping in; colleagues
     * invited in too ({@link ConversationGuard#canReply}: that needs the database).
     */
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

    /** Inviting colleagues in (and asking them out again): whoever may hand it on, and whoever oversees. */
    public static boolean canInvite(Agent agent, Conversation conversation) {
        return oversees(agent) || canAssign(agent, conversation);
    }

    /** Closing and archiving: whoever holds it, or whoever oversees. */
    public static boolean canClose(Agent agent, Conversation conversation) {
        return oversees(agent) || holds(agent, conversation);
    }

    public static boolean holds(Agent agent, Conversation conversation) {
        var assignee = conversation.getAssignee();
        return assignee != null && (assignee == agent || assignee.getId() != null && assignee.getId().equals(agent.getId()));
    }
}
