package com.switchboard.routing.control;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.conversation.boundary.HandOver;
import com.switchboard.conversation.control.ConversationEventPublisher;
import com.switchboard.conversation.control.MessagePreviews;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.InboxMembership;
import com.switchboard.messaging.events.AgentNews;
import com.switchboard.messaging.events.EventTopic;
import com.switchboard.routing.entity.Offer;
import com.switchboard.routing.entity.RoutingDecision;
import com.switchboard.routing.entity.RoutingOutcome;
import com.switchboard.visitor.boundary.VisitorBlocks;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides who gets a waiting conversation: the ranked members of its inbox, the best one who can take it now
 * gets an offer, with the decision explained; {@link OfferEndings} moves it on when an offer ends unaccepted.
 * <p>
 * Safe with any number of consumers and nodes: every step locks the conversation's row first, so one step at a
 * time acts on a conversation and a second delivery of the same request finds nothing left to do; an offer is
 * made only with the chosen agent's row locked and their load counted afresh under that lock, so two conversations
 * routed at once cannot both take an agent's last free place. Lock order is always conversation, then agent.
 * A visitor's block is read from the database under the conversation's lock: a block that committed before is
 * seen here, and one committing meanwhile locks each of the visitor's conversations after its commit and withdraws
 * the offer made here ({@link OfferEndings#withdrawAfterBlock}).
 */
@Stateless
public class Router {

    private static final int DRAIN_BATCH = 100;
    private static final String LOCK_AGENT = "SELECT presence FROM agent WHERE id = ? FOR UPDATE";

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
    MessagePreviews previews;

    @EJB
    Router self;

    @EJB
    QueuePositions queue;

    @EJB
    VisitorBlocks visitorBlocks;

    @Inject
    Event<RoutingEvent> routed;

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

    /** Records a step of the conversation's routing with its explanation. */
    public void record(long conversationId, RoutingOutcome outcome, Long agentId, String explanation) {
        em.persist(new RoutingDecision(conversationId, Instant.now(), outcome, agentId, explanation));
    }

    /**
     * To the consoles through the events topic, and as a CDI event in this transaction (the outbound topic); the
     * visitor hears of a new holder (or of none, after a transfer).
     */
    public void publish(RoutingEvent event) {
        publish(event, event.toJson());
    }

    /** The same, naming the conversation's visitor for the toast of an offer or a broadcast. */
    void publishNaming(RoutingEvent event, Conversation conversation) {
        publishNaming(event, conversation, previews.of(conversation.getId()));
    }

    private void publishNaming(RoutingEvent event, Conversation conversation, Optional<String> preview) {
        publish(event, VisitorInNews.into(event.toJson(), conversation, preview));
    }

    private void publish(RoutingEvent event, JsonObject frame) {
        topic.publish(AgentNews.of(frame));
        if (RoutingEvent.ASSIGNED.equals(event.type())) {
            topic.publish(AgentNews.of(event.takenNews()));
        }
        routed.fire(event);
        if (event.changesHolder()) {
            events.holderChanged(event.conversationId());
        }
    }

    /**
     * Routes a conversation whose row the caller's transaction has locked (an offer that ended, a holder gone):
     * offered to the best candidate who can take it, or left waiting with its explanation.
     */
    public Attempt routeLocked(Conversation conversation, boolean explain) {
        var inbox = conversation.getInbox();
        if (inbox.isDeleted()) {
            return Attempt.NOTHING_TO_DO;
        }
        if (visitorBlocks.isBlockedAsCommitted(conversation.getVisitor())) {
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
                publishNaming(new RoutingEvent(RoutingEvent.BROADCAST, conversation.getId(), inbox.getId(), null,
                        null, null), conversation);
            }
            return new Attempt(RoutingOutcome.BROADCAST, false);
        }
        var ranking = CandidateSelection.rank(loads.candidates(conversation));
        // First the candidates nobody else is offering work right now (SKIP LOCKED), so routers running at once
        // spread over the agents instead of queueing for the same one; then, waiting for the lock, in order.
        for (var waitForLock : new boolean[] {false, true}) {
            for (var candidate : ranking.eligible()) {
                var presence = lock(candidate.agentId(), waitForLock);
                if (presence != null && loads.recount(conversation, candidate, presence).skipReason() == null) {
                    offer(conversation, em.getReference(Agent.class, candidate.agentId()),
                            ranking.explain(candidate));
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
     * Locks the agent's row and reads their presence under the lock; without {@code wait}, null at once if another
     * transaction holds the lock (or the agent is gone). SKIP LOCKED is native SQL that H2 2, MariaDB 10.6+ and
     * MySQL 8 all understand. The row, not the entity: the decision needs no more of the agent than this.
     */
    private Presence lock(long agentId, boolean wait) {
        var locked = em.createNativeQuery(wait ? LOCK_AGENT : LOCK_AGENT + " SKIP LOCKED").setParameter(1, agentId)
                .getResultList();
        return locked.isEmpty() ? null : Presence.valueOf((String) locked.get(0));
    }

    private void offer(Conversation conversation, Agent agent, String explanation) {
        // Read before anything is written: a query after the writes would flush them first, the conversation's
        // row twice (its status now, its outbound number at the commit).
        var preview = previews.of(conversation.getId());
        var now = Instant.now();
        var deadline = now.plus(conversation.getInbox().settings().reassignmentTimeout());
        var offer = new Offer(conversation, conversation.getInbox().getId(), agent, now, deadline);
        em.persist(offer);
        em.flush();
        handOver.offered(conversation);
        record(conversation.getId(), RoutingOutcome.OFFERED, agent.getId(), explanation);
        timers.armOffer(offer.getId(), deadline);
        queue.moved(conversation.getInbox().getId());
        publishNaming(new RoutingEvent(RoutingEvent.OFFER_CREATED, conversation.getId(),
                conversation.getInbox().getId(), agent.getId(), offer.getId(), deadline), conversation, preview);
    }
}
