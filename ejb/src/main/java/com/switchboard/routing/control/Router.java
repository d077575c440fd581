package com.switchboard.routing.control;

import com.switchboard.agent.control.AgentFreed;
import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.conversation.boundary.HandOver;
import com.switchboard.conversation.control.ConversationEventPublisher;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.InboxMembership;
import com.switchboard.messaging.events.AgentNews;
import com.switchboard.messaging.events.EventTopic;
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
 * Decides who gets a waiting conversation, and moves it on when an offer is rejected, expires or is withdrawn.
 * <p>
 * Safe with any number of consumers and nodes: every step locks the conversation's row first, so one step at a
 * time acts on a conversation and a second delivery of the same request finds nothing left to do; an offer is
 * made only with the chosen agent's row locked and their load counted afresh under that lock, so two conversations
 * routed at once cannot both take an agent's last free place. Lock order is always conversation, then agent.
 */
@Stateless
public class Router {

    private static final int DRAIN_BATCH = 100;

    @PersistenceContext
    EntityManager em;

    @EJB
    HandOver handOver;

    @EJB
    AgentLoads loads;

    @EJB
    RoutingTimers timers;

    @EJB
    EventTopic topic;

    @EJB
    ConversationEventPublisher events;

    @EJB
    Router self;

    @EJB
    QueuePositions queue;

    @EJB
    VisitorBlocks visitorBlocks;

    @Inject
    Event<AgentFreed> agentFreed;

    @Inject
    Event<RoutingEvent> routed;

    /**
     * How long an agent who rejected a conversation is not offered it again, and one who let its offer expire
     * comes after everyone else who can take it.
     */
    @Inject
    @ConfigProperty(name = "switchboard.routing.exclusion", defaultValue = "PT10M")
    Duration exclusionPeriod;

    /** Routes one waiting conversation in its own transaction; {@code explain} records a decision even if it waits. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Attempt route(long conversationId, boolean explain) {
        var conversation = em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
        if (conversation == null || conversation.getStatus() != ConversationStatus.WAITING) {
            return Attempt.NOTHING_TO_DO;
        }
        return routeLocked(conversation, explain);
    }

    /** Routes the waiting conversations of the agent's inboxes, oldest first, while anyone has room. */
    public void drainAgent(long agentId) {
        em.createNamedQuery(InboxMembership.INBOX_IDS_OF_AGENT, Long.class).setParameter("agentId", agentId)
                .getResultList().forEach(this::drainInbox);
    }

    public void drainInbox(long inboxId) {
        var waiting = em.createNamedQuery(RoutingDecision.WAITING_IN_INBOX, Long.class)
                .setParameter("inboxId", inboxId).setMaxResults(DRAIN_BATCH).getResultList();
        for (var conversationId : waiting) {
            if (!self.route(conversationId, false).roomLeft()) {
                return;
            }
        }
    }

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
        record(conversationId, RoutingOutcome.RELEASED, agentId, holder.getDisplayName()
                + " went offline and " + conversation.getInbox().getName() + " re-routes their conversations.");
        routeLocked(conversation, true);
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
            if (!block.covers(visitor.getId(), visitor.getIpAddress())) {
                continue;
            }
            var offer = lockedOffer(pending.getId());
            if (offer == null) {
                continue;
            }
            offer.cancel(Instant.now());
            var conversation = offer.getConversation();
            var agentId = offer.getAgent().getId();
            record(conversation.getId(), RoutingOutcome.CANCELLED, agentId, "The visitor was blocked.");
            publish(new RoutingEvent(RoutingEvent.OFFER_WITHDRAWN, conversation.getId(),
                    conversation.getInbox().getId(), agentId, offer.getId(), null));
            handOver.requeue(conversation);
            queue.moved(conversation.getInbox().getId());
            agentFreed.fire(new AgentFreed(agentId));
        }
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

    /** Records a step of the conversation's routing with its explanation. */
    public void record(long conversationId, RoutingOutcome outcome, Long agentId, String explanation) {
        em.persist(new RoutingDecision(conversationId, Instant.now(), outcome, agentId, explanation));
    }

    /**
     * To the consoles through the events topic, and as a CDI event in this transaction (the outbound topic); the
     * visitor hears of a new holder (or of none, after a transfer).
     */
    public void publish(RoutingEvent event) {
        topic.publish(AgentNews.of(event.toJson()));
        routed.fire(event);
        if (event.changesHolder()) {
            events.holderChanged(event.conversationId());
        }
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
        em.find(Conversation.class, offer.getConversation().getId(), LockModeType.PESSIMISTIC_WRITE);
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
        record(conversation.getId(), RoutingOutcome.valueOf(outcome.name()), agentId, explanation);
        publish(new RoutingEvent(RoutingEvent.OFFER_WITHDRAWN, conversation.getId(), conversation.getInbox().getId(),
                agentId, offer.getId(), null));
        if (conversation.getStatus() == ConversationStatus.OFFERED) {
            handOver.requeue(conversation);
            routeLocked(conversation, true);
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

    private Attempt routeLocked(Conversation conversation, boolean explain) {
        var inbox = conversation.getInbox();
        if (inbox.isDeleted()) {
            return Attempt.NOTHING_TO_DO;
        }
        if (visitorBlocks.isBlocked(conversation.getVisitor())) {
            if (explain) {
                record(conversation.getId(), RoutingOutcome.WAITING, null, "Not offered: the visitor is blocked.");
            }
            return new Attempt(RoutingOutcome.WAITING, true); // says nothing of room: the drain goes on
        }
        var mode = inbox.settings().assignmentMode();
        if (mode == AssignmentMode.MANUAL) {
            if (explain) {
                record(conversation.getId(), RoutingOutcome.MANUAL, null, "Waits for a supervisor to assign it.");
            }
            return new Attempt(RoutingOutcome.MANUAL, false);
        }
        if (mode == AssignmentMode.BROADCAST) {
            if (explain) {
                record(conversation.getId(), RoutingOutcome.BROADCAST, null,
                        "Shown to every online member; the first to take it gets it.");
                publish(new RoutingEvent(RoutingEvent.BROADCAST, conversation.getId(), inbox.getId(), null, null,
                        null));
            }
            return new Attempt(RoutingOutcome.BROADCAST, false);
        }
        var ranking = CandidateSelection.rank(loads.candidates(conversation));
        // First the candidates nobody else is offering work right now (SKIP LOCKED), so routers running at once
        // spread over the agents instead of queueing for the same one; then, waiting for the lock, in order.
        for (var waitForLock : new boolean[] {false, true}) {
            for (var candidate : ranking.eligible()) {
                var agent = lock(candidate.agentId(), waitForLock);
                if (agent != null && loads.recount(conversation, candidate, agent).skipReason() == null) {
                    offer(conversation, agent, ranking.explain(candidate));
                    return new Attempt(RoutingOutcome.OFFERED, true);
                }
                // Locked by another router, or its offer took this agent's last place: the next candidate then.
            }
        }
        if (explain) {
            record(conversation.getId(), RoutingOutcome.WAITING, null, ranking.explain(null));
            queue.moved(conversation.getInbox().getId());
        }
        return new Attempt(RoutingOutcome.WAITING, ranking.skipped().keySet().stream().anyMatch(Candidate::hasRoom));
    }

    /** Offers the conversation to this agent (a transfer): the caller has checked they may and can take it. */
    public void offerTo(Conversation conversation, Agent agent, String explanation) {
        offer(conversation, agent, explanation);
    }

    /**
     * The agent with their row locked and read again; without {@code wait}, null at once if another transaction
     * holds the lock. SKIP LOCKED is native SQL that H2 2, MariaDB 10.6+ and MySQL 8 all understand.
     */
    private Agent lock(long agentId, boolean wait) {
        if (wait) {
            return em.find(Agent.class, agentId, LockModeType.PESSIMISTIC_WRITE);
        }
        var locked = em.createNativeQuery("SELECT id FROM agent WHERE id = ? FOR UPDATE SKIP LOCKED")
                .setParameter(1, agentId).getResultList();
        if (locked.isEmpty()) {
            return null;
        }
        var agent = em.find(Agent.class, agentId);
        em.refresh(agent);
        return agent;
    }

    private void offer(Conversation conversation, Agent agent, String explanation) {
        var now = Instant.now();
        var deadline = now.plus(conversation.getInbox().settings().reassignmentTimeout());
        var offer = new Offer(conversation, agent, now, deadline);
        em.persist(offer);
        em.flush();
        handOver.offered(conversation);
        record(conversation.getId(), RoutingOutcome.OFFERED, agent.getId(), explanation);
        timers.armOffer(offer.getId(), deadline);
        queue.moved(conversation.getInbox().getId());
        publish(new RoutingEvent(RoutingEvent.OFFER_CREATED, conversation.getId(), conversation.getInbox().getId(),
                agent.getId(), offer.getId(), deadline));
    }
}
