package com.switchboard.agent.boundary;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.AgentConnection;
import com.switchboard.agent.entity.Presence;
import com.switchboard.cluster.control.ClusterHeartbeat;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.persistence.control.CheckedFlush;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The agents' console sockets, counted per node in the database so that every node knows whether an agent is
 * still connected anywhere. When an agent's last socket closes, a timer looks again after the grace period: still
 * connected nowhere (a reload or a network blip has come back by then), they go offline, which hands their
 * pending offers on. Agents who never connect a socket (API clients) are left as they are. A node that dies
 * closes nothing: every node sweeps up the agents whose sockets were on a node silent for longer than the grace
 * period, as if those sockets had closed then ({@link #sweepNodesGone}).
 */
@Stateless
public class AgentConnections {

    private static final Logger LOG = Logger.getLogger(AgentConnections.class.getName());

    @PersistenceContext
    EntityManager em;

    @EJB
    ClusterHeartbeat heartbeat;

    @EJB
    AgentService agents;

    @EJB
    AgentConnections self;

    @Resource
    TimerService timerService;

    @Inject
    @ConfigProperty(name = "switchboard.agents.disconnect-grace", defaultValue = "PT60S")
    Duration grace;

    public void opened(long agentId) {
        row(agentId).opened(Instant.now());
    }

    public void closed(long agentId) {
        row(agentId).closed(Instant.now());
        em.flush();
        if (liveSockets(agentId) == 0) {
            timerService.createSingleActionTimer(grace.toMillis(), new TimerConfig(agentId, false));
        }
    }

    /** Sockets the agent has open on nodes that are alive. */
    public long liveSockets(long agentId) {
        // SUM's type differs between databases (BigDecimal on MariaDB, Long on H2).
        return ((Number) em.createNamedQuery(AgentConnection.LIVE_SOCKETS).setParameter("agentId", agentId)
                .setParameter("since", Instant.now().minus(ClusterHeartbeat.LIVENESS)).getSingleResult()).longValue();
    }

    @Timeout
    void graceOver(Timer timer) {
        long agentId = (Long) timer.getInfo();
        var agent = em.find(Agent.class, agentId, LockModeType.PESSIMISTIC_WRITE);
        if (agent == null || !agent.isActive() || agent.getPresence() == Presence.OFFLINE || liveSockets(agentId) > 0) {
            return;
        }
        LOG.info(() -> "Agent " + agentId + " has been disconnected for " + grace + ": now offline");
        agents.changePresence(agentId, Presence.OFFLINE);
    }

    /** Agents whose sockets were all on nodes silent since the grace period go offline; those nodes' rows go. */
    public void sweepNodesGone() {
        var before = Instant.now().minus(ClusterHeartbeat.LIVENESS).minus(grace);
        List<Long> stranded = em.createNamedQuery(AgentConnection.AGENTS_OF_NODES_GONE, Long.class)
                .setParameter("before", before).getResultList();
        for (long agentId : stranded) {
            var agent = em.find(Agent.class, agentId, LockModeType.PESSIMISTIC_WRITE);
            if (agent != null && agent.isActive() && agent.getPresence() != Presence.OFFLINE
                    && liveSockets(agentId) == 0) {
                LOG.info(() -> "Agent " + agentId + " was connected only to a node that stopped: now offline");
                agents.changePresence(agentId, Presence.OFFLINE);
            }
        }
        for (var node : heartbeat.silentSince(before)) {
            em.createNamedQuery(AgentConnection.DELETE_OF_NODE).setParameter("nodeName", node).executeUpdate();
        }
    }

    /** This node's row for the agent, locked; created first if it is the agent's first socket here. */
    private AgentConnection row(long agentId) {
        var key = new AgentConnection.Key(agentId, heartbeat.nodeName());
        var row = em.find(AgentConnection.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            try {
                self.create(agentId);
            } catch (RequestRejectedException createdMeanwhile) {
                // Another socket of the agent created it first (its own transaction rolled back): that row serves.
            }
            row = em.find(AgentConnection.class, key, LockModeType.PESSIMISTIC_WRITE);
        }
        return row;
    }

    /** In its own transaction, so that losing the race to another socket of the same agent harms nothing. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void create(long agentId) {
        em.persist(new AgentConnection(agentId, heartbeat.nodeName(), Instant.now()));
        CheckedFlush.flush(em, () -> RequestRejectedException.conflict("agent.connection.exists",
                "The agent's connection row exists already."));
    }
}
