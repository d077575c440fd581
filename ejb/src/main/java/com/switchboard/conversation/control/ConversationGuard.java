package com.switchboard.conversation.control;

import com.switchboard.agent.control.ActiveAgents;
import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.platform.boundary.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The checks every agent-side use of a conversation starts with, as errors the caller can act on. */
@Stateless
public class ConversationGuard {

    @PersistenceContext
    EntityManager em;

    @EJB
    InboxService inboxes;

    @EJB
    ActiveAgents agents;

    public Agent activeAgent(long agentId) {
        return agents.require(agentId);
    }

    public Conversation existing(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId);
        if (conversation == null) {
            throw unknown(conversationId);
        }
        return conversation;
    }

    public void requireReadable(Agent agent, Conversation conversation) {
        boolean member = inboxes.memberAgentIds(conversation.getInbox().getId()).contains(agent.getId());
        if (!ConversationAccess.canRead(agent, conversation, member)) {
            throw RequestRejectedException.forbidden("conversation.not-yours",
                    "This conversation is not yours to read.");
        }
    }

    public static RequestRejectedException unknown(long conversationId) {
        return RequestRejectedException.notFound("conversation.unknown",
                "There is no conversation " + conversationId + ".");
    }
}
