package com.switchboard.visitor.boundary;

import com.switchboard.agent.control.ActiveAgents;
import com.switchboard.agent.entity.Agent;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.persistence.control.CheckedFlush;
import com.switchboard.visitor.entity.AgentBlock;
import com.switchboard.visitor.entity.Visitor;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An agent's own blocks: visitors and colleagues who may not message them. A visitor an agent blocked is never
 * routed to that agent and is released by them if they hold the conversation; a colleague an agent blocked cannot
 * hand conversations to them. Each agent manages only their own list.
 */
@Stateless
public class AgentBlocks {

    @PersistenceContext
    EntityManager em;

    @EJB
    ActiveAgents agents;

    /** A block with who it keeps away: the visitor's label (name, e-mail or number) or the colleague's name. */
    public record Entry(long id, Long visitorId, Long agentId, String name, Instant createdAt) {
    }

    public Entry blockVisitor(long agentId, long visitorId) {
        agents.require(agentId);
        if (em.find(Visitor.class, visitorId) == null) {
            throw VisitorService.unknown(visitorId);
        }
        return store(AgentBlock.ofVisitor(agentId, visitorId, Instant.now()));
    }

    public Entry blockAgent(long agentId, long otherAgentId) {
        agents.require(agentId);
        if (agentId == otherAgentId) {
            throw RequestRejectedException.invalid("agent-block.self", "Agents cannot block themselves.");
        }
        if (em.find(Agent.class, otherAgentId) == null) {
            throw RequestRejectedException.notFound("agent.unknown", "There is no agent " + otherAgentId + ".");
        }
        return store(AgentBlock.ofAgent(agentId, otherAgentId, Instant.now()));
    }

    public void unblock(long agentId, long blockId) {
        var block = em.find(AgentBlock.class, blockId);
        // Someone else's block is answered like a missing one: it is theirs alone.
        if (block == null || block.getAgentId() != agentId) {
            throw RequestRejectedException.notFound("agent-block.unknown", "You have no block " + blockId + ".");
        }
        em.remove(block);
    }

    public List<Entry> of(long agentId) {
        return em.createNamedQuery(AgentBlock.OF_AGENT, AgentBlock.class).setParameter("agentId", agentId)
                .getResultStream().map(this::entry).toList();
    }

    public boolean hasBlockedVisitor(long agentId, long visitorId) {
        return em.createNamedQuery(AgentBlock.VISITOR_BLOCKED_BY, Long.class).setParameter("agentId", agentId)
                .setParameter("visitorId", visitorId).getSingleResult() > 0;
    }

    /** Who blocked whom among these visitors, read at once: an agent's id with the visitor's. */
    public Set<AgentAndVisitor> blocking(Collection<Long> visitorIds) {
        return em.createNamedQuery(AgentBlock.AGENTS_BLOCKING_VISITORS, Object[].class)
                .setParameter("visitorIds", visitorIds).getResultStream()
                .map(row -> new AgentAndVisitor((Long) row[0], (Long) row[1])).collect(Collectors.toSet());
    }

    public record AgentAndVisitor(long agentId, long visitorId) {
    }

    public boolean hasBlockedAgent(long agentId, long otherAgentId) {
        return em.createNamedQuery(AgentBlock.AGENT_BLOCKED_BY, Long.class).setParameter("agentId", agentId)
                .setParameter("otherId", otherAgentId).getSingleResult() > 0;
    }

    /** The agents this visitor may not reach: routing leaves them out. */
    public Set<Long> agentsBlocking(long visitorId) {
        return em.createNamedQuery(AgentBlock.AGENTS_BLOCKING_VISITOR, Long.class).setParameter("visitorId", visitorId)
                .getResultStream().collect(Collectors.toSet());
    }

    private Entry entry(AgentBlock block) {
        String name;
        if (block.getBlockedVisitorId() != null) {
            var visitor = em.find(Visitor.class, block.getBlockedVisitorId());
            name = visitor == null ? "Visitor " + block.getBlockedVisitorId() : visitor.label();
        } else {
            var agent = em.find(Agent.class, block.getBlockedAgentId());
            name = agent == null ? "Agent " + block.getBlockedAgentId() : agent.getDisplayName();
        }
        return new Entry(block.getId(), block.getBlockedVisitorId(), block.getBlockedAgentId(), name,
                block.getCreatedAt());
    }

    private Entry store(AgentBlock block) {
        em.persist(block);
        CheckedFlush.flush(em, () -> RequestRejectedException.conflict("agent-block.exists",
                "You have blocked them already."));
        return entry(block);
    }
}
