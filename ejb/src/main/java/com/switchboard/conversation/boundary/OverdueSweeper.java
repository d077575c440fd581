package com.switchboard.conversation.boundary;

import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * On every node, every few seconds: reply deadlines that passed and were not announced yet are announced, each
 * in its own transaction. A sweep rather than a timer per deadline: deadlines move with every visitor message
 * and answer, and an alert a few seconds late does no harm. Two nodes finding the same one is harmless: the row's
 * lock and its flag let one announce it.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OverdueSweeper {

    @PersistenceContext
    EntityManager em;

    @EJB
    OverdueReplies overdue;

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false, info = "announce overdue replies")
    void announceOverdue() {
        em.createQuery("SELECT c.id FROM Conversation c WHERE c.reply.deadline <= :now "
                        + "AND c.reply.overdueAnnounced = FALSE ORDER BY c.reply.deadline", Long.class)
                .setParameter("now", Instant.now()).setMaxResults(500).getResultList()
                .forEach(overdue::announce);
    }
}
