package com.switchboard.visitor.boundary;

import com.switchboard.platform.control.ClusterHeartbeat;
import com.switchboard.visitor.entity.VisitorConnection;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether visitors are connected: each node notes the visitors it holds sockets of (the first socket here opened,
 * the last one closed), so that agents on any node see it. A node that dies stops counting with its heartbeat.
 */
@Stateless
public class VisitorPresence {

    @PersistenceContext
    EntityManager em;

    @EJB
    ClusterHeartbeat heartbeat;

    /** This node holds a socket of the visitor now. */
    public void arrived(long visitorId) {
        var key = new VisitorConnection.Key(visitorId, heartbeat.nodeName());
        if (em.find(VisitorConnection.class, key) == null) {
            em.persist(new VisitorConnection(visitorId, heartbeat.nodeName(), Instant.now()));
        }
    }

    /** This node holds none of the visitor's sockets any more; returns whether another node still does. */
    public boolean departed(long visitorId) {
        var row = em.find(VisitorConnection.class, new VisitorConnection.Key(visitorId, heartbeat.nodeName()));
        if (row != null) {
            em.remove(row);
            em.flush();
        }
        return online(visitorId);
    }

    public boolean online(long visitorId) {
        return !onlineAmong(List.of(visitorId)).isEmpty();
    }

    /** Those of the visitors who have a socket open on a node that is alive. */
    public Set<Long> onlineAmong(Collection<Long> visitorIds) {
        if (visitorIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createNamedQuery(VisitorConnection.ONLINE_AMONG, Long.class)
                .setParameter("visitorIds", visitorIds)
                .setParameter("since", Instant.now().minus(ClusterHeartbeat.LIVENESS)).getResultList());
    }
}
