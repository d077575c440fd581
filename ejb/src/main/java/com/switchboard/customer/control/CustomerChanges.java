package com.switchboard.customer.control;

import com.switchboard.conversation.control.CustomerUnpinned;
import com.switchboard.messaging.events.CustomerChanged;
import com.switchboard.messaging.events.CustomerTagsChanged;
import com.switchboard.messaging.events.EventTopic;
import com.switchboard.visitor.control.VisitorDetailsChanged;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells the consoles, once the change commits ({@link EventTopic}), that a customer's card changed (their tags or
 * pins, a conversation unpinned from them, their name or e-mail), or that the catalogue of tags did: open cards
 * read themselves again and lists follow. A customer's change goes to who may read one of their conversations
 * (the read rule's parts, read in the changing transaction: the inboxes of those nobody holds, their holders and
 * participants; the nodes add their overseers); the catalogue is every agent's. A CDI bean, as the observers of the
 * other capabilities' events are.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CustomerChanges {

    @PersistenceContext
    EntityManager em;

    @EJB
    EventTopic topic;

    public void customer(long visitorId) {
        if (em.createQuery("SELECT c.id FROM Conversation c WHERE c.visitor.id = :visitorId", Long.class)
                .setParameter("visitorId", visitorId).setMaxResults(1).getResultList().isEmpty()) {
            return;     // no card shows them yet (a visitor who has not written)
        }
        var inboxes = em.createQuery("SELECT DISTINCT c.inbox.id FROM Conversation c WHERE c.visitor.id = :visitorId "
                + "AND c.assigneeId IS NULL", Long.class).setParameter("visitorId", visitorId).getResultList();
        var agents = new TreeSet<>(em.createQuery("SELECT DISTINCT c.assigneeId FROM Conversation c "
                        + "WHERE c.visitor.id = :visitorId AND c.assigneeId IS NOT NULL", Long.class)
                .setParameter("visitorId", visitorId).getResultList());
        agents.addAll(em.createQuery("SELECT DISTINCT p.key.agentId FROM ConversationParticipant p WHERE "
                        + "p.key.conversationId IN (SELECT c.id FROM Conversation c WHERE c.visitor.id = :visitorId)",
                        Long.class).setParameter("visitorId", visitorId).getResultList());
        topic.publish(new CustomerChanged(visitorId, Set.copyOf(inboxes), Set.copyOf(agents)));
    }

    public void catalogue() {
        topic.publish(new CustomerTagsChanged()); // a tag was created, renamed, recoloured or deleted
    }

    public void unpinned(@Observes CustomerUnpinned event) {
        customer(event.visitorId());
    }

    public void detailsChanged(@Observes VisitorDetailsChanged event) {
        customer(event.visitorId());
    }
}
