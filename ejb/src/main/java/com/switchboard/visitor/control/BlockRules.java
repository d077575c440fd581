package com.switchboard.visitor.control;

import com.switchboard.visitor.entity.Network;
import com.switchboard.visitor.entity.VisitorBlock;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Reads the blocks in force for {@link BlocksInForce}, in a transaction of its own: inside the caller's, the read
 * could see the database as it was at the caller's first read, before a block that committed since.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BlockRules {

    @PersistenceContext
    EntityManager em;

    public List<BlocksInForce.Rule> inForce() {
        return em.createNamedQuery(VisitorBlock.RULES_IN_FORCE, Object[].class).setParameter("now", Instant.now())
                .getResultStream()
                .map(row -> new BlocksInForce.Rule((Long) row[0], row[1] == null ? null : new Network((String) row[1]),
                        (Instant) row[2]))
                .toList();
    }
}
