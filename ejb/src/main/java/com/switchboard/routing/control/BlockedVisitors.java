package com.switchboard.routing.control;

import com.switchboard.visitor.control.VisitorBlocked;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/**
 * A blocked visitor's chats are offered to nobody: the offers pending when the block is made (of the visitor, or of
 * every visitor last seen in the blocked network) are withdrawn in the blocking transaction (the router skips
 * blocked visitors from then on, see {@link Router}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BlockedVisitors {

    @EJB
    OfferEndings endings;

    public void visitorBlocked(@Observes VisitorBlocked event) {
        endings.withdrawOffersTo(event);
    }
}
