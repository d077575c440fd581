package com.switchboard.customer.boundary;

import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.entity.Channel;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.customer.control.CardCustomer;
import com.switchboard.customer.control.OfflineForms;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.util.ArrayList;

/** The customer card beside a conversation: who the customer is, where from, their other conversations, tags. */
@Stateless
public class CustomerCards {

    public static final int EARLIER_LISTED = 20;

    @PersistenceContext
    EntityManager em;

    @EJB
    CardCustomer customers;

    @EJB
    ConversationGuard guard;

    @Inject
    OfflineForms offlineForms;

    public CustomerCard card(long agentId, long conversationId) {
        var conversation = customers.readable(agentId, conversationId);
        if (conversation.customerCard().isUnpinned()) {
            return CustomerCard.unpinned(conversationId);
        }
        var visitor = conversation.getVisitor();
        var agent = guard.activeAgent(agentId);
        var others = em.createQuery("SELECT c FROM Conversation c WHERE c.visitor.id = :visitorId AND c.id <> :id "
                        + "AND c.customerCard.unpinnedAt IS NULL ORDER BY c.createdAt DESC, c.id DESC",
                        Conversation.class)
                .setParameter("visitorId", visitor.getId()).setParameter("id", conversationId).getResultList();
        var listed = new ArrayList<CustomerCard.EarlierConversation>();
        for (var other : others) {
            if (listed.size() == EARLIER_LISTED) {
                break;
            }
            if (guard.canRead(agent, other)) {
                listed.add(new CustomerCard.EarlierConversation(other.getId(), other.getInbox().getName(),
                        other.getStatus().name(), other.getCreatedAt()));
            }
        }
        var source = conversation.getChannel() == Channel.JMS
                ? new CustomerCard.Source(Channel.JMS.name(), null, null, null, visitor.getSourceExternalId(),
                        visitor.getSourceSystem(), false)
                : new CustomerCard.Source(Channel.WIDGET.name(), site(visitor.getPageUrl()), visitor.getPageUrl(),
                        visitor.getPageTitle(), null, null, offlineForms.leftOnTheForm(conversationId));
        return new CustomerCard(conversationId, true, visitor.getId(), visitor.getName(), visitor.getEmail(),
                visitor.isIdentityVerified(), source, visitor.getCreatedAt(), visitor.getLastSeenAt(),
                visitor.getUserAgent(), visitor.getIpAddress(), others.size(), listed,
                customers.tagsOf(visitor.getId()));
    }

    /** The site's host of a page address, or null when there is none to tell. */
    private static String site(String pageUrl) {
        try {
            return pageUrl == null ? null : URI.create(pageUrl).getHost();
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }
}
