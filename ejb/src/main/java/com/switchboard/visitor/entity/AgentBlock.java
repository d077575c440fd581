package com.switchboard.visitor.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An agent's own block: this visitor (or this agent) may not message them. Unlike a {@link VisitorBlock} it shuts
 * nobody out of Switchboard; it keeps them away from one agent (routing skips the agent, hand-overs to the agent
 * from a blocked colleague are refused).
 */
@Entity
@Table(name = "agent_block")
@NamedQuery(name = AgentBlock.OF_AGENT, query = "SELECT b FROM AgentBlock b WHERE b.agentId = :agentId ORDER BY b.id")
@NamedQuery(name = AgentBlock.VISITOR_BLOCKED_BY,
        query = "SELECT COUNT(b) FROM AgentBlock b WHERE b.agentId = :agentId AND b.blockedVisitorId = :visitorId")
@NamedQuery(name = AgentBlock.AGENT_BLOCKED_BY,
        query = "SELECT COUNT(b) FROM AgentBlock b WHERE b.agentId = :agentId AND b.blockedAgentId = :otherId")
@NamedQuery(name = AgentBlock.AGENTS_BLOCKING_VISITORS, query = "SELECT b.agentId, b.blockedVisitorId "
        + "FROM AgentBlock b WHERE b.blockedVisitorId IN :visitorIds")
@NamedQuery(name = AgentBlock.AGENTS_BLOCKING_VISITOR,
        query = "SELECT b.agentId FROM AgentBlock b WHERE b.blockedVisitorId = :visitorId")
public class AgentBlock {

    public static final String OF_AGENT = "AgentBlock.ofAgent";
    public static final String VISITOR_BLOCKED_BY = "AgentBlock.visitorBlockedBy";
    public static final String AGENT_BLOCKED_BY = "AgentBlock.agentBlockedBy";
    public static final String AGENTS_BLOCKING_VISITOR = "AgentBlock.agentsBlockingVisitor";
    public static final String AGENTS_BLOCKING_VISITORS = "AgentBlock.agentsBlockingVisitors";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agent_id")
    private long agentId;

    @Column(name = "blocked_visitor_id")
    private Long blockedVisitorId;

    @Column(name = "blocked_agent_id")
    private Long blockedAgentId;

    @Column(name = "created_at")
    private Instant createdAt;

    protected AgentBlock() {
    }

    private AgentBlock(long agentId, Long blockedVisitorId, Long blockedAgentId, Instant createdAt) {
        this.agentId = agentId;
        this.blockedVisitorId = blockedVisitorId;
        this.blockedAgentId = blockedAgentId;
        this.createdAt = createdAt;
    }

    public static AgentBlock ofVisitor(long agentId, long visitorId, Instant at) {
        return new AgentBlock(agentId, visitorId, null, at);
    }

    public static AgentBlock ofAgent(long agentId, long otherAgentId, Instant at) {
        return new AgentBlock(agentId, null, otherAgentId, at);
    }

    public Long getId() {
        return id;
    }

    public long getAgentId() {
        return agentId;
    }

    public Long getBlockedVisitorId() {
        return blockedVisitorId;
    }

    public Long getBlockedAgentId() {
        return blockedAgentId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
