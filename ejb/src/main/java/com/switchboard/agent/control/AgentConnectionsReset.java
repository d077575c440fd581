package com.switchboard.agent.control;

import com.switchboard.agent.boundary.AgentConnections;
import com.switchboard.agent.entity.AgentConnection;
import com.switchboard.cluster.control.ClusterHeartbeat;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Sockets counted where they are no more: a node that starts holds none (whatever its previous run counted is gone
 * with it), and a node that died holds none either, which every node sweeps up.
 */
@Singleton
@Startup
@DependsOn("ClusterHeartbeat")
public class AgentConnectionsReset {

    @PersistenceContext
    EntityManager em;

    @EJB
    ClusterHeartbeat heartbeat;

    @EJB
    AgentConnections connections;

    @PostConstruct
    void forgetThisNodesSockets() {
        em.createNamedQuery(AgentConnection.DELETE_OF_NODE).setParameter("nodeName", heartbeat.nodeName())
                .executeUpdate();
    }

    @Schedule(second = "*/15", minute = "*", hour = "*", persistent = false,
            info = "agents whose sockets were on a node that died")
    void forgetTheSocketsOfNodesGone() {
        connections.sweepNodesGone();
    }
}
