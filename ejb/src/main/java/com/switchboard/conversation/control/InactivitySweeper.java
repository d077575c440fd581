package com.switchboard.conversation.control;

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
 * On every node, every few seconds: inactivity deadlines that passed without their timer (its node stopped, or
 * the application restarted) are handled now. Handling one twice is harmless: the second finds nothing due.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InactivitySweeper {

    /** A timer that is this late is taken as lost. */
    private static final long GRACE_SECONDS = 2;

    @PersistenceContext
    EntityManager em;

    @EJB
    InactivityRules rules;

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false, info = "handle lost inactivity deadlines")
    void handleLostDeadlines() {
        em.createQuery("SELECT c.id FROM Conversation c WHERE c.inactivity.deadline <= :now "
                        + "ORDER BY c.inactivity.deadline", Long.class)
                .setParameter("now", Instant.now().minusSeconds(GRACE_SECONDS)).setMaxResults(500).getResultList()
                .forEach(rules::due);
    }
}
