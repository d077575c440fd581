package com.switchboard.routing.control;

import com.switchboard.routing.entity.Invitation;
import com.switchboard.routing.entity.Offer;
import com.switchboard.routing.entity.RoutingDecision;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The safety net under the timers, on every node: at start-up it re-arms the timers of all pending offers and
 * invitations (the
 * timers of a stopped node are gone); every few seconds it expires offers whose deadline passed without a timer
 * (the node that armed it died); every half minute it drains the queues, so conversations whose exclusions ended
 * find an agent even if nothing else happened, and routes the waiting conversations the router never saw. Routing
 * itself is reactive; this only catches what was lost.
 * Handling an offer twice (timer and sweeper, two nodes) is harmless: the second finds it decided.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoutingSweeper {

    private static final Logger LOG = Logger.getLogger(RoutingSweeper.class.getName());

    /** Longer than a routing request takes from the queue to the router, so the sweeper never races it. */
    private static final Duration UNSEEN_AFTER = Duration.ofSeconds(15);

    private static final int DRAIN_BATCH = 100;

    @PersistenceContext
    EntityManager em;

    @EJB
    RoutingTimers timers;

    @EJB
    Router router;

    @EJB
    OfferEndings endings;

    @EJB
    InvitationExpiry invitations;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void rearm() {
        var pending = em.createNamedQuery(Offer.ALL_PENDING, Offer.class).getResultList();
        pending.forEach(offer -> timers.armOffer(offer.getId(), offer.getDeadline()));
        var invited = em.createNamedQuery(Invitation.ALL_PENDING, Invitation.class).getResultList();
        invited.forEach(invitation -> timers.armInvitation(invitation.getId(), invitation.getDeadline()));
        if (!pending.isEmpty() || !invited.isEmpty()) {
            LOG.info(() -> "Re-armed the timers of " + pending.size() + " pending offers and " + invited.size()
                    + " pending invitations");
        }
    }

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false, info = "expire lost deadlines")
    void expireDueOffers() {
        var now = Instant.now();
        em.createNamedQuery(Offer.DUE, Long.class).setParameter("now", now).setMaxResults(500)
                .getResultList().forEach(endings::expire);
        em.createNamedQuery(Invitation.DUE, Long.class).setParameter("now", now).setMaxResults(500)
                .getResultList().forEach(invitations::expire);
    }

    @Schedule(second = "15,45", minute = "*", hour = "*", persistent = false, info = "drain waiting queues")
    void drainQueues() {
        // A conversation whose routing request was lost (sent after its commit, by a node that died before the send
        // or while the broker was away) waits without the router having seen it: it is routed now, with its
        // explanation.
        em.createNamedQuery(RoutingDecision.WAITING_UNSEEN, Long.class)
                .setParameter("before", Instant.now().minus(UNSEEN_AFTER)).setMaxResults(DRAIN_BATCH)
                .getResultList().forEach(conversationId -> router.route(conversationId, true));
        em.createNamedQuery(RoutingDecision.INBOXES_WITH_WAITING, Long.class).getResultList()
                .forEach(router::drainInbox);
    }
}
