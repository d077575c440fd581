package com.switchboard.agent.control;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;

/** Whose turn it is among equally loaded agents: the one who got a conversation longest ago. */
@Stateless
public class AssignmentTurns {

    @PersistenceContext
    EntityManager em;

    /** The agent got a conversation now: they go to the back among equally loaded agents. */
    public void assigned(long agentId, Instant when) {
        // Native SQL: EclipseLink's JPQL bulk updates raise the version, and this is no edit of the account.
        em.createNativeQuery("UPDATE agent SET last_assigned_at = ? WHERE id = ?")
                .setParameter(1, Timestamp.from(when)).setParameter(2, agentId).executeUpdate();
    }
}
