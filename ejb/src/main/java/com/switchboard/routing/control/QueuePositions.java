package com.switchboard.routing.control;

import com.switchboard.conversation.entity.Conversation;
import com.switchboard.messaging.events.EventTopic;
import com.switchboard.messaging.events.QueueMoved;
import com.switchboard.routing.entity.RoutingDecision;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where each waiting visitor stands in their inbox's queue, and roughly how long that takes. When the queue moves
 * ({@link #moved}), the inbox is noted; once a second, one query per noted inbox orders its queue and one event
 * carries the whole order to every node, which tells the visitors it holds sockets for: no query per visitor, and
 * a burst of routing costs one update, not one per decision. The estimate is the inbox's recent pace (the last
 * assignments of the past hour) times the places ahead; without enough recent assignments there is no estimate.
 */
@Stateless
public class QueuePositions {

    private static final int PACE_SAMPLE = 20;
    private static final Duration PACE_WINDOW = Duration.ofHours(1);

    @PersistenceContext
    EntityManager em;

    @EJB
    EventTopic topic;

    @EJB
    QueueMoves moves;

    /** The inbox's queue changed (a conversation joined or left it): its visitors hear within a second. */
    public void moved(long inboxId) {
        moves.note(inboxId);
    }

    /** Publishes the inbox's queue in order, as visitor ids, with the seconds one place takes (or none). */
    public void publish(long inboxId) {
        var pace = secondsPerPlace(inboxId);
        topic.publish(new QueueMoved(inboxId, waitingVisitors(inboxId), pace.isPresent() ? pace.getAsLong() : null));
    }

    /** The conversation's place (1 = next) and estimate, or empty when it does not wait. */
    public Optional<QueuePosition> of(Conversation conversation) {
        var visitors = waitingVisitors(conversation.getInbox().getId());
        var place = visitors.indexOf(conversation.getVisitor().getId());
        if (place < 0) {
            return Optional.empty();
        }
        var pace = secondsPerPlace(conversation.getInbox().getId());
        return Optional.of(new QueuePosition(place + 1, visitors.size(),
                pace.isPresent() ? Duration.ofSeconds(pace.getAsLong() * (place + 1)) : null));
    }

    private List<Long> waitingVisitors(long inboxId) {
        return em.createNamedQuery(RoutingDecision.WAITING_VISITORS_IN_INBOX, Long.class).setParameter("inboxId", inboxId)
                .getResultList();
    }

    private OptionalLong secondsPerPlace(long inboxId) {
        var now = Instant.now();
        var recent = em.createQuery("SELECT d.decidedAt FROM RoutingDecision d, Conversation c "
                        + "WHERE c.id = d.conversationId AND c.inbox.id = :inboxId AND d.decidedAt > :since "
                        + "AND d.outcome IN (com.switchboard.routing.entity.RoutingOutcome.ACCEPTED, "
                        + "com.switchboard.routing.entity.RoutingOutcome.ASSIGNED) ORDER BY d.decidedAt DESC",
                        Instant.class)
                .setParameter("inboxId", inboxId).setParameter("since", now.minus(PACE_WINDOW))
                .setMaxResults(PACE_SAMPLE).getResultList();
        if (recent.size() < 2) {
            return OptionalLong.empty();
        }
        var span = Duration.between(recent.get(recent.size() - 1), now);
        return OptionalLong.of(Math.max(1, span.toSeconds() / recent.size()));
    }

    /** A waiting conversation's place in the queue (1 = next), of how many, and the estimate (null: unknown). */
    public record QueuePosition(int place, int waiting, Duration estimatedWait) {
    }
}
