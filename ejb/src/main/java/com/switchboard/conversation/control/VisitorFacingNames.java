package com.switchboard.conversation.control;

import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.NameTheVisitorSees;

/** The name an e-mailed answer signs with: {@link NameTheVisitorSees}, and the team's for no one in particular. */
public final class VisitorFacingNames {

    private VisitorFacingNames() {
    }

    public static String agentName(Conversation conversation, Agent agent) {
        return agent == null ? "Support" : NameTheVisitorSees.of(conversation.getInbox(), agent);
    }
}
