package com.switchboard.visitor.control;

import com.switchboard.cluster.control.ClusterHeartbeat;
import com.switchboard.visitor.entity.VisitorConnection;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** A node that starts holds no visitor sockets: the visitors its previous run held are not connected to it. */
@Singleton
@Startup
@DependsOn("ClusterHeartbeat")
public class VisitorConnectionsReset {

    @PersistenceContext
    EntityManager em;

    @EJB
    ClusterHeartbeat heartbeat;

    @PostConstruct
    void forgetThisNodesSockets() {
        em.createNamedQuery(VisitorConnection.DELETE_OF_NODE).setParameter("nodeName", heartbeat.nodeName())
                .executeUpdate();
    }
}
