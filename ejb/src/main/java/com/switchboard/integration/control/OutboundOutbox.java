package com.switchboard.integration.control;

import com.switchboard.integration.entity.OutboundEvent;
import com.switchboard.messaging.control.OnCommit;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/**
 * The outbound events' outbox. An event is stored in the transaction of the change it reports and handed to the
 * {@link OutboundRelay} once that has committed; the relay sends a batch of them in a transaction that deletes
 * their rows first and publishes only the events whose row it deleted, so a node sweeping up the same rows (they
 * look forgotten) waits for the row locks, then sends nothing. The broker commits the events before their rows'
 * deletion commits ({@link OutboundTopic}): a node dying between the two leaves rows whose events the broker has,
 * and the sweep sends those again, marked as such. Until then the row keeps the event through a crash or a
 * broker outage: an event is never lost, and sent twice only in that instant of a crash.
 */
@Stateless
public class OutboundOutbox {

    private static final Object PENDING = OutboundOutbox.class.getName() + ".pending";
    private static final Comparator<OutboundEvent> BY_KEY = Comparator.comparingLong(OutboundEvent::getConversationId)
            .thenComparingLong(OutboundEvent::getSeq);

    @PersistenceContext
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @EJB
    OutboundRelay relay;

    @EJB
    OutboundTopic topic;

    /** Keeps the event with the caller's transaction; it goes to the relay once that commits. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void add(OutboundEvent event) {
        em.persist(event);
        OnCommit.<OutboundEvent>items(transaction, PENDING, relay::relay).add(event);
    }

    /**
     * Publishes the events of the batch whose rows are still there, then deletes those rows.
     *
     * @param again whether these are forgotten events, which may have reached the broker before
     * @return how many were sent (the others were sent by someone else already)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int send(List<OutboundEvent> batch, boolean again) {
        var unsent = lockedStill(batch);
        if (!unsent.isEmpty()) {
            delete(unsent);
            topic.publish(unsent, again);
        }
        return unsent.size();
    }

    /**
     * The batch's events whose rows are still there, locked, in one read: the row locks make a second sender (a
     * sweep on another node) wait for this one, then find nothing. In key order, as every sender locks them: the
     * relay and a sweep taking the same rows in another order would deadlock.
     */
    private List<OutboundEvent> lockedStill(List<OutboundEvent> batch) {
        var sorted = batch.stream().sorted(BY_KEY).toList();
        var query = em.createNativeQuery("SELECT conversation_id, seq FROM outbound_event WHERE "
                + keys(sorted.size()) + " ORDER BY conversation_id, seq FOR UPDATE");
        bindKeys(query, sorted);
        var still = new HashSet<List<Long>>();
        for (var row : (List<?>) query.getResultList()) {
            var columns = (Object[]) row;
            still.add(List.of(((Number) columns[0]).longValue(), ((Number) columns[1]).longValue()));
        }
        return sorted.stream().filter(e -> still.contains(List.of(e.getConversationId(), e.getSeq()))).toList();
    }

    private void delete(List<OutboundEvent> locked) {
        var query = em.createNativeQuery("DELETE FROM outbound_event WHERE " + keys(locked.size()));
        bindKeys(query, locked);
        query.executeUpdate();
    }

    /**
     * {@code (conversation_id = ? AND seq = ?) OR ...}: one statement for the batch, not one per event, that finds
     * its rows by the primary key whatever the table holds. MariaDB scans the whole table for a DELETE whose
     * {@code (conversation_id, seq) IN ((?, ?))} has a single pair, locking every row on its way: two senders
     * deleting their own rows then wait for each other's (a deadlock).
     */
    private static String keys(int count) {
        return String.join(" OR ", Collections.nCopies(count, "(conversation_id = ? AND seq = ?)"));
    }

    private static void bindKeys(Query query, List<OutboundEvent> events) {
        int position = 1;
        for (var event : events) {
            query.setParameter(position++, event.getConversationId());
            query.setParameter(position++, event.getSeq());
        }
    }

    /** Events committed before {@code before} and still not sent: the relay lost them (a crash, the broker). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<OutboundEvent> unsentBefore(Instant before, int max) {
        return em.createNamedQuery(OutboundEvent.UNSENT_BEFORE, OutboundEvent.class).setParameter("before", before)
                .setMaxResults(max).getResultList();
    }
}
