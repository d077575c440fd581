package com.switchboard.customer.control;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.conversation.control.CustomerUnpinned;
import com.switchboard.platform.control.EventTopic;
import com.switchboard.visitor.control.VisitorDetailsChanged;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
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

    /** {@code customer.changed {customerId}} to the consoles. */
    public static final String CUSTOMER_CHANGED = "customer.changed";
    /** {@code customer-tags.changed} to every console: a tag was created, renamed, recoloured or deleted. */
    public static final String CATALOGUE_CHANGED = "customer-tags.changed";

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
        topic.publish(CUSTOMER_CHANGED, JSON.createObjectBuilder().add("type", CUSTOMER_CHANGED)
                .add("customerId", visitorId).add("inboxIds", ids(inboxes)).add("agentIds", ids(agents)).build());
    }

    public void catalogue() {
        topic.publish(CATALOGUE_CHANGED, JSON.createObjectBuilder().add("type", CATALOGUE_CHANGED).build());
    }

    public void unpinned(@Observes CustomerUnpinned event) {
        customer(event.visitorId());
    }

    public void detailsChanged(@Observes VisitorDetailsChanged event) {
        customer(event.visitorId());
    }

    private static JsonArrayBuilder ids(Collection<Long> ids) {
        var array = JSON.createArrayBuilder();
        ids.stream().sorted().forEach(array::add);
        return array;
    }
}
