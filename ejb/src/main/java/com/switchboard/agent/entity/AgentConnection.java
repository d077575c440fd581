package com.switchboard.agent.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** How many console sockets an agent has open on one node. */
@Entity
@Table(name = "agent_connection")
@IdClass(AgentConnection.Key.class)
@NamedQuery(name = AgentConnection.LIVE_SOCKETS,
        query = "SELECT COALESCE(SUM(c.sockets), 0) FROM AgentConnection c, ClusterNode n "
                + "WHERE c.agentId = :agentId AND n.name = c.nodeName AND n.lastSeen >= :since")
@NamedQuery(name = AgentConnection.DELETE_OF_NODE,
        query = "DELETE FROM AgentConnection c WHERE c.nodeName = :nodeName")
@NamedQuery(name = AgentConnection.AGENTS_OF_NODES_GONE,
        query = "SELECT DISTINCT c.agentId FROM AgentConnection c, ClusterNode n "
                + "WHERE n.name = c.nodeName AND n.lastSeen < :before AND c.sockets > 0")
public class AgentConnection {

    public static final String LIVE_SOCKETS = "AgentConnection.liveSockets";
    public static final String DELETE_OF_NODE = "AgentConnection.deleteOfNode";
    public static final String AGENTS_OF_NODES_GONE = "AgentConnection.agentsOfNodesGone";

    /** The primary key: one row per agent and node. */
    public static class Key implements Serializable {
        private long agentId;
        private String nodeName;

        public Key() {
        }

        public Key(long agentId, String nodeName) {
            this.agentId = agentId;
            this.nodeName = nodeName;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.agentId == agentId && Objects.equals(key.nodeName, nodeName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(agentId, nodeName);
        }
    }

    @Id
    @Column(name = "agent_id")
    private long agentId;

    @Id
    @Column(name = "node_name")
    private String nodeName;

    private int sockets;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected AgentConnection() {
    }

    public AgentConnection(long agentId, String nodeName, Instant now) {
        this.agentId = agentId;
        this.nodeName = nodeName;
        this.updatedAt = now;
    }

    public void opened(Instant now) {
        sockets++;
        updatedAt = now;
    }

    public void closed(Instant now) {
        sockets = Math.max(0, sockets - 1);
        updatedAt = now;
    }
}
