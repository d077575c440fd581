package com.switchboard.routing.control;

import com.switchboard.visitor.control.VisitorBlocked;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A blocked visitor's chats are offered to nobody. The offers pending when the block is made (of the visitor, or of
 * every visitor last seen in the blocked network) are withdrawn in the blocking transaction; routers check the
 * block under the conversation's lock from then on (see {@link Router}). A router that checked just before the
 * block committed makes its offer after this transaction looked: once the block has committed, the routing queue
 * waits for each such router in turn and withdraws what it offered ({@link OfferEndings#withdrawAfterBlock}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BlockedVisitors {

    @EJB
    OfferEndings endings;

    @Inject
    RoutingQueue queue;

    public void visitorBlocked(@Observes VisitorBlocked event) {
        endings.withdrawOffersTo(event);
        queue.send(new RoutingRequest(RoutingRequest.Kind.WITHDRAW_BLOCKED, event.blockId()));
    }
}
