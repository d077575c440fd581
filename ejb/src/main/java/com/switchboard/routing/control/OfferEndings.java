package com.switchboard.routing.control;

import com.switchboard.agent.control.AgentFreed;
import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.conversation.boundary.HandOver;
import com.switchboard.conversation.control.ConversationEventPublisher;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.routing.entity.Offer;
import com.switchboard.routing.entity.OfferStatus;
import com.switchboard.routing.entity.RoutingDecision;
import com.switchboard.routing.entity.RoutingExclusion;
import com.switchboard.routing.entity.RoutingOutcome;
import com.switchboard.visitor.boundary.VisitorBlocks;
import com.switchboard.visitor.control.VisitorBlocked;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An offer that ends without an accept (it expired, the agent rejected it, the agent left, the visitor was
 * blocked), and the conversation moving on to the next agent through the {@link Router}. Each step locks the
 * conversation's row first and reads the offer again under that lock, so a second timer, the sweeper or an accept
 * that came first leaves nothing to do.
 */
@Stateless
public class OfferEndings {

    @PersistenceContext
    EntityManager em;

    @EJB
    Router router;

    @EJB
    HandOver handOver;

    @EJB
    RoutingTimers timers;

    @EJB
    ConversationEventPublisher events;

    @EJB
    QueuePositions queue;

    @EJB
    OfferEndings self;

    @EJB
    VisitorBlocks visitorBlocks;

    @Inject
    Event<AgentFreed> agentFreed;

    /**
     * How long an agent who rejected a conversation is not offered it again, and one who let its offer expire
     * comes after everyone else who can take it.
     */
    @Inject
    @ConfigProperty(name = "switchboard.routing.exclusion", defaultValue = "PT10M")
    Duration exclusionPeriod;

    /** The offer's deadline passed: it expires, the agent is excluded, and the conversation goes to the next one. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void expire(long offerId) {
        var offer = lockedOffer(offerId);
        if (offer == null) {
            return;
        }
        var now = Instant.now();
        if (!offer.isDue(now)) {
            // Fired early (clocks of two nodes): look again at the deadline.
            timers.armOffer(offerId, offer.getDeadline());
            return;
        }
        offer.expire(now);
        var seconds = Duration.between(offer.getCreatedAt(), offer.getDeadline()).toSeconds();
        moveOn(offer, OfferStatus.EXPIRED, offer.getAgent().getDisplayName() + " did not answer within " + seconds
                + " s.");
    }

    /** The agent rejected the offer; it goes to the next agent, and the agent's freed place to someone waiting. */
    public void reject(Offer offer) {
        offer.reject(Instant.now());
        moveOn(offer, OfferStatus.REJECTED, offer.getAgent().getDisplayName() + " rejected it.");
        agentFreed.fire(new AgentFreed(offer.getAgent().getId()));
    }

    /**
     * The agent left (away, offline, deactivated): each of their pending offers moves on to someone else. Gone
     * offline (or deactivated), the conversations they hold in inboxes that say so go back to routing as well.
     */
    public void withdraw(long agentId) {
        em.createNamedQuery(Offer.PENDING_OF_AGENT, Offer.class).setParameter("agentId", agentId)
                .getResultList().forEach(offer -> self.cancel(offer.getId()));
        var agent = em.find(Agent.class, agentId);
        if (agent != null && isGone(agent)) {
            em.createNamedQuery(RoutingDecision.HELD_IN_REROUTING_INBOXES, Long.class).setParameter("agentId", agentId)
                    .getResultList().forEach(conversationId -> self.reclaim(conversationId, agentId));
        }
    }

    /** Gives the conversation of an agent who is still gone back to routing, in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void reclaim(long conversationId, long agentId) {
        var conversation = em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
        var holder = conversation == null ? null : conversation.getAssignee();
        if (holder == null || holder.getId() != agentId || conversation.getStatus() != ConversationStatus.ASSIGNED) {
            return;
        }
        em.refresh(holder);
        if (!isGone(holder)) {
            return;
        }
        handOver.release(conversation);
        events.holderChanged(conversationId);
        router.record(conversationId, RoutingOutcome.RELEASED, agentId, holder.getDisplayName()
                + " went offline and " + conversation.getInbox().getName() + " re-routes their conversations.");
        em.flush(); // routing's own reads (native SQL) see it released
        router.routeLocked(conversation, true);
    }

    private static boolean isGone(Agent agent) {
        return !agent.isActive() || agent.getPresence() == Presence.OFFLINE;
    }

    /**
     * The visitor was blocked (in the caller's transaction): the pending offers of their chats are withdrawn, the
     * chats wait without being offered, and each agent's freed place goes to whoever else waits.
     */
    public void withdrawOffersTo(VisitorBlocked block) {
        var pendings = block.visitorId() != null
                ? em.createNamedQuery(Offer.PENDING_OF_VISITOR, Offer.class)
                        .setParameter("visitorId", block.visitorId()).getResultList()
                : em.createNamedQuery(Offer.PENDING, Offer.class).getResultList();
        for (var pending : pendings) {
            var visitor = pending.getConversation().getVisitor();
            if (block.covers(visitor.getId(), visitor.getIpAddress())) {
                var offer = lockedOffer(pending.getId());
                if (offer != null) {
                    withdrawFromBlocked(offer);
                }
            }
        }
    }

    /**
     * After a block committed: the offers that routers under way made meanwhile. Each open conversation of the
     * visitors it covers is locked in turn, which waits for a router holding it, and its pending offer withdrawn.
     * A router that starts later reads the block. Nothing to do once the block has ended.
     */
    public void withdrawAfterBlock(long blockId) {
        visitorBlocks.inForce(blockId).ifPresent(block -> {
            var open = block.visitorId() != null
                    ? em.createNamedQuery(RoutingDecision.OPEN_OF_VISITOR, Long.class)
                            .setParameter("visitorId", block.visitorId()).getResultList()
                    : em.createNamedQuery(RoutingDecision.OPEN_WITH_VISITOR_ADDRESS, Object[].class)
                            .getResultStream().filter(row -> block.covers((Long) row[1], (String) row[2]))
                            .map(row -> (Long) row[0]).toList();
            open.forEach(self::withdrawFromBlocked);
        });
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void withdrawFromBlocked(long conversationId) {
        if (em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE) != null) {
            em.createNamedQuery(Offer.PENDING_OF_CONVERSATION, Offer.class)
                    .setParameter("conversationId", conversationId).getResultList()
                    .forEach(this::withdrawFromBlocked);
        }
    }

    /** The offer is pending and its conversation locked. */
    private void withdrawFromBlocked(Offer offer) {
        offer.cancel(Instant.now());
        var conversation = offer.getConversation();
        var agentId = offer.getAgent().getId();
        router.record(conversation.getId(), RoutingOutcome.CANCELLED, agentId, "The visitor was blocked.");
        router.publish(new RoutingEvent(RoutingEvent.OFFER_WITHDRAWN, conversation.getId(),
                conversation.getInbox().getId(), agentId, offer.getId(), null));
        handOver.requeue(conversation);
        queue.moved(conversation.getInbox().getId());
        agentFreed.fire(new AgentFreed(agentId));
    }

    /**
     * A person hands the conversation on (assigns it, transfers it; the caller holds its lock): its pending offer
     * ends, and the agent it was offered to has a place free again.
     */
    public void withdrawPending(Conversation conversation) {
        em.createNamedQuery(Offer.PENDING_OF_CONVERSATION, Offer.class)
                .setParameter("conversationId", conversation.getId()).getResultStream().forEach(offer -> {
                    offer.cancel(Instant.now());
                    agentFreed.fire(new AgentFreed(offer.getAgent().getId()));
                });
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void cancel(long offerId) {
        var offer = lockedOffer(offerId);
        if (offer == null) {
            return;
        }
        offer.cancel(Instant.now());
        moveOn(offer, OfferStatus.CANCELLED, offer.getAgent().getDisplayName() + " is no longer available.");
    }

    /**
     * The pending offer with its conversation's row locked and the offer read again under that lock; null if it
     * is gone or decided already (a second timer, the sweeper, an accept that came first).
     */
    private Offer lockedOffer(long offerId) {
        var offer = em.find(Offer.class, offerId);
        if (offer == null) {
            return null;
        }
        if (em.find(Conversation.class, offer.getConversation().getId(), LockModeType.PESSIMISTIC_WRITE) == null) {
            return null; // deleted, its offers with it, while this waited for its lock
        }
        em.refresh(offer);
        return offer.isPending() ? offer : null;
    }

    /** After an offer ended without an accept: exclusion (unless withdrawn), back to waiting, route again. */
    private void moveOn(Offer offer, OfferStatus outcome, String explanation) {
        var conversation = offer.getConversation();
        var agentId = offer.getAgent().getId();
        if (outcome != OfferStatus.CANCELLED) {
            exclude(conversation.getId(), agentId, outcome);
        }
        router.record(conversation.getId(), RoutingOutcome.valueOf(outcome.name()), agentId, explanation);
        router.publish(new RoutingEvent(RoutingEvent.OFFER_WITHDRAWN, conversation.getId(),
                conversation.getInbox().getId(), agentId, offer.getId(), null));
        if (conversation.getStatus() == ConversationStatus.OFFERED) {
            handOver.requeue(conversation);
            em.flush(); // routing's own reads (native SQL) see the offer ended and the exclusion
            router.routeLocked(conversation, true);
        }
    }

    private void exclude(long conversationId, long agentId, OfferStatus reason) {
        var until = Instant.now().plus(exclusionPeriod);
        var existing = em.find(RoutingExclusion.class, new RoutingExclusion.Key(conversationId, agentId));
        if (existing == null) {
            em.persist(new RoutingExclusion(conversationId, agentId, reason, until));
        } else {
            existing.renew(reason, until);
        }
    }
}
