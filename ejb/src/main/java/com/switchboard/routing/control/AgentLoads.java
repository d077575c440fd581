package com.switchboard.routing.control;

import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.inbox.entity.InboxMembership;
import com.switchboard.routing.entity.OfferStatus;
import com.switchboard.routing.entity.RoutingExclusion;
import com.switchboard.visitor.boundary.AgentBlocks;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The inbox's members as routing candidates for one conversation: their load (held conversations plus pending
 * offers) in the inbox and overall, their limits, and whether this conversation may go to them at all. Loads are
 * counted in grouped queries, a handful per decision whatever the number of members.
 */
@Stateless
public class AgentLoads {

    private static final String HELD_IN_INBOX = "SELECT c.assignee.id, COUNT(c) FROM Conversation c "
            + "WHERE c.inbox.id = :inboxId AND c.status = com.switchboard.conversation.entity.ConversationStatus.ASSIGNED "
            + "AND c.assignee.id IN :agentIds GROUP BY c.assignee.id";
    private static final String HELD_OVERALL = "SELECT c.assignee.id, COUNT(c) FROM Conversation c "
            + "WHERE c.status = com.switchboard.conversation.entity.ConversationStatus.ASSIGNED "
            + "AND c.assignee.id IN :agentIds GROUP BY c.assignee.id";
    private static final String OFFERED_IN_INBOX = "SELECT o.agent.id, COUNT(o) FROM Offer o "
            + "WHERE o.conversation.inbox.id = :inboxId AND o.answer.status = com.switchboard.routing.entity.OfferStatus.PENDING "
            + "AND o.agent.id IN :agentIds GROUP BY o.agent.id";
    private static final String OFFERED_OVERALL = "SELECT o.agent.id, COUNT(o) FROM Offer o "
            + "WHERE o.answer.status = com.switchboard.routing.entity.OfferStatus.PENDING "
            + "AND o.agent.id IN :agentIds GROUP BY o.agent.id";

    @PersistenceContext
    EntityManager em;

    @EJB
    AgentBlocks agentBlocks;

    public List<Candidate> candidates(Conversation conversation) {
        var memberships = em.createNamedQuery(InboxMembership.OF_INBOX, InboxMembership.class)
                .setParameter("inboxId", conversation.getInbox().getId()).getResultList();
        return candidates(conversation, memberships);
    }

    /** One member, counted afresh: called with the agent's row locked, so nobody else is offering them work. */
    public Candidate candidate(Conversation conversation, Agent agent) {
        return em.createNamedQuery(InboxMembership.OF_INBOX_AND_AGENT, InboxMembership.class)
                .setParameter("inboxId", conversation.getInbox().getId()).setParameter("agentId", agent.getId())
                .getResultStream().findFirst()
                .map(membership -> candidates(conversation, List.of(membership)).get(0))
                .orElse(null);
    }

    /**
     * The candidate as they are now, counted again: called with the agent's row locked, so nobody else is offering
     * them work meanwhile. Exclusions and blocks are not read again: they change only under the conversation's
     * lock, which the caller holds.
     */
    public Candidate recount(Conversation conversation, Candidate candidate, Agent lockedAgent) {
        var ids = Set.of(candidate.agentId());
        var inbox = conversation.getInbox();
        var inInbox = sum(counts(HELD_IN_INBOX, inbox, ids), counts(OFFERED_IN_INBOX, inbox, ids));
        var overall = sum(counts(HELD_OVERALL, null, ids), counts(OFFERED_OVERALL, null, ids));
        return candidate.now(lockedAgent.getPresence(), inInbox.getOrDefault(candidate.agentId(), 0),
                overall.getOrDefault(candidate.agentId(), 0));
    }

    private List<Candidate> candidates(Conversation conversation, List<InboxMembership> memberships) {
        if (memberships.isEmpty()) {
            return List.of();
        }
        var inbox = conversation.getInbox();
        var ids = memberships.stream().map(m -> m.getAgent().getId()).collect(Collectors.toSet());
        var inInbox = sum(counts(HELD_IN_INBOX, inbox, ids), counts(OFFERED_IN_INBOX, inbox, ids));
        var overall = sum(counts(HELD_OVERALL, null, ids), counts(OFFERED_OVERALL, null, ids));
        var exclusions = exclusions(conversation.getId());
        var blocking = agentBlocks.agentsBlocking(conversation.getVisitor().getId());
        return memberships.stream().map(m -> {
            var agent = m.getAgent();
            var id = agent.getId();
            var reason = exclusions.get(id);
            var missed = OfferStatus.EXPIRED.name().equals(reason);
            var excluded = blocking.contains(id) ? "has blocked this visitor"
                    : reason == null || missed ? null : "rejected this conversation";
            return new Candidate(id, agent.getDisplayName(), agent.getPresence(), inInbox.getOrDefault(id, 0),
                    m.getCapacity(), overall.getOrDefault(id, 0), agent.getMaxConversations(),
                    agent.getLastAssignedAt(), excluded, missed);
        }).toList();
    }

    /** The exclusions in force for this conversation: agent id → why (an {@link OfferStatus}'s name). */
    private Map<Long, String> exclusions(long conversationId) {
        return em.createNamedQuery(RoutingExclusion.IN_FORCE, RoutingExclusion.class)
                .setParameter("conversationId", conversationId).setParameter("now", Instant.now())
                .getResultStream().collect(Collectors.toMap(RoutingExclusion::getAgentId,
                        RoutingExclusion::getReason));
    }

    private Map<Long, Integer> counts(String jpql, Inbox inbox, Set<Long> agentIds) {
        var query = em.createQuery(jpql, Object[].class).setParameter("agentIds", agentIds);
        if (inbox != null) {
            query.setParameter("inboxId", inbox.getId());
        }
        return query.getResultStream().collect(Collectors.toMap(row -> (Long) row[0],
                row -> ((Number) row[1]).intValue()));
    }

    private static Map<Long, Integer> sum(Map<Long, Integer> a, Map<Long, Integer> b) {
        var total = new HashMap<>(a);
        b.forEach((id, n) -> total.merge(id, n, Integer::sum));
        return total;
    }
}
