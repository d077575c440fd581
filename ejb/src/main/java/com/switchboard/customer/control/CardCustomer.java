package com.switchboard.customer.control;

import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.customer.boundary.CardTag;
import com.switchboard.customer.entity.CustomerTag;
import com.switchboard.customer.entity.CustomerTagging;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The checks every use of a customer card starts with: the agent may read the conversation, and the conversation
 * is still on its customer's card.
 */
@Stateless
public class CardCustomer {

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationGuard guard;

    /** The conversation, readable by the agent; unpinned ones too (the card then says so). */
    public Conversation readable(long agentId, long conversationId) {
        Agent agent = guard.activeAgent(agentId);
        var conversation = guard.existing(conversationId);
        guard.requireReadable(agent, conversation);
        return conversation;
    }

    /** The id of the conversation's customer, for a change of their card. */
    public long of(long agentId, long conversationId) {
        var conversation = readable(agentId, conversationId);
        if (conversation.customerCard().isUnpinned()) {
            throw RequestRejectedException.conflict("customer.unpinned",
                    "This conversation was unpinned from its customer: it has no customer card.");
        }
        return conversation.getVisitor().getId();
    }

    public List<CardTag> tagsOf(long visitorId) {
        return em.createNamedQuery(CustomerTagging.OF_VISITOR, CustomerTagging.class)
                .setParameter("visitorId", visitorId).getResultStream().map(tagging -> {
                    var tag = em.find(CustomerTag.class, tagging.getTagId());
                    return new CardTag(tag.getId(), tag.getName(), tag.getColour(), tagging.isPinned());
                }).toList();
    }
}
