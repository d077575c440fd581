package com.switchboard.routing.control;

import com.switchboard.conversation.control.ConversationsDeleting;
import com.switchboard.routing.entity.Invitation;
import com.switchboard.routing.entity.RoutingDecision;
import com.switchboard.routing.entity.RoutingExclusion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * A deleted conversation is gone for everyone: its offers, invitations, exclusions and routing log go in the same
 * transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RoutingRecords {

    @PersistenceContext
    EntityManager em;

    public void conversationsDeleting(@Observes ConversationsDeleting event) {
        var ids = event.conversationIds();
        em.createQuery("DELETE FROM Offer o WHERE o.conversation.id IN :ids").setParameter("ids", ids)
                .executeUpdate();
        em.createNamedQuery(Invitation.DELETE_OF_CONVERSATIONS).setParameter("ids", ids).executeUpdate();
        em.createNamedQuery(RoutingExclusion.DELETE_OF_CONVERSATIONS).setParameter("ids", ids).executeUpdate();
        em.createNamedQuery(RoutingDecision.DELETE_OF_CONVERSATIONS).setParameter("ids", ids).executeUpdate();
    }
}
