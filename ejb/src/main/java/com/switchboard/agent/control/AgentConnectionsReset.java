package com.switchboard.agent.control;

import com.switchboard.agent.entity.AgentConnection;
import com.switchboard.platform.control.ClusterHeartbeat;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** A node that starts holds no sockets: whatever its previous run counted is gone with it. */
@Singleton
@Startup
@DependsOn("ClusterHeartbeat")
public class AgentConnectionsReset {

    @PersistenceContext
    EntityManager em;

    @EJB
    ClusterHeartbeat heartbeat;

    @PostConstruct
    void forgetThisNodesSockets() {
        em.createNamedQuery(AgentConnection.DELETE_OF_NODE).setParameter("nodeName", heartbeat.nodeName())
                .executeUpdate();
    }
}
