package com.switchboard.visitor.boundary;

import com.switchboard.cluster.control.ClusterHeartbeat;
import com.switchboard.visitor.entity.VisitorConnection;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
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

    /**
     * This node holds a socket of the visitor now. An insert that keeps the row if it is there: a reload's new
     * socket and the old one's departure may both note the visitor at once.
     */
    public void arrived(long visitorId) {
        em.createNativeQuery("INSERT IGNORE INTO visitor_connection (visitor_id, node_name, since) VALUES (?, ?, ?)")
                .setParameter(1, visitorId).setParameter(2, heartbeat.nodeName())
                .setParameter(3, Timestamp.from(Instant.now())).executeUpdate();
    }

    /** This node holds none of the visitor's sockets any more; returns whether another node still does. */
    public boolean departed(long visitorId) {
        em.createNamedQuery(VisitorConnection.DELETE_OF_VISITOR_ON_NODE).setParameter("visitorId", visitorId)
                .setParameter("nodeName", heartbeat.nodeName()).executeUpdate();
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
