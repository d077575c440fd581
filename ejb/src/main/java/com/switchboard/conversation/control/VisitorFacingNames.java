package com.switchboard.conversation.control;

import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.entity.Conversation;

/**
 * The name a visitor knows an agent by, in every place that shows agents to visitors outside the live chat
 * (e-mailed answers, the visitor's chat log). One method, so the rule for what visitors see lives in one place.
 */
public final class VisitorFacingNames {

    private VisitorFacingNames() {
    }

    public static String agentName(Conversation conversation, Agent agent) {
        return agent == null ? "Support" : agent.getDisplayName();
    }
}
