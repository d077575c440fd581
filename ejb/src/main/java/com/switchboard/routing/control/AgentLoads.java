package com.switchboard.routing.control;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.routing.entity.OfferStatus;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The inbox's members as routing candidates for one conversation: their load (held conversations plus pending
 * offers) in the inbox and overall, their limits, and whether this conversation may go to them at all. One
 * statement reads the members, their loads and this conversation's exclusions together, whatever the number of
 * members: plain rows, not entities, since a decision reads them once and changes none of them.
 */
@Stateless
public class AgentLoads {

    /**
     * The members' loads: conversations held plus offers pending, in this inbox ({@code here}) and overall, grouped
     * per agent. Both halves are read from the indexes on (assignee_id, status, inbox_id) and (agent_id, status,
     * inbox_id) alone, so the cost follows the members and their loads, never the size of the tables. {@code %1$s}
     * narrows it to one agent.
     */
    private static final String LOADS = "SELECT x.agent_id, SUM(x.here) AS here, SUM(x.total) AS total FROM ("
            + "SELECT c.assignee_id AS agent_id, SUM(CASE WHEN c.inbox_id = ? THEN 1 ELSE 0 END) AS here, "
            + "COUNT(*) AS total FROM inbox_membership lm JOIN conversation c ON c.assignee_id = lm.agent_id "
            + "AND c.status = 'ASSIGNED' WHERE lm.inbox_id = ? %1$s GROUP BY c.assignee_id UNION ALL "
            + "SELECT o.agent_id, SUM(CASE WHEN o.inbox_id = ? THEN 1 ELSE 0 END), COUNT(*) FROM inbox_membership lm "
            + "JOIN offer o ON o.agent_id = lm.agent_id AND o.status = 'PENDING' WHERE lm.inbox_id = ? %1$s "
            + "GROUP BY o.agent_id) x GROUP BY x.agent_id";

    /**
     * The members with their loads and why this conversation may not go to them: a routing exclusion (or null), and
     * whether they blocked its visitor (visitor's {@code agent_block}, one row at most per agent and visitor).
     */
    private static final String MEMBERS = "SELECT a.id, a.display_name, a.presence, m.capacity, a.max_conversations, "
            + "a.last_assigned_at, COALESCE(l.here, 0), COALESCE(l.total, 0), e.reason, b.id "
            + "FROM inbox_membership m JOIN agent a ON a.id = m.agent_id "
            + "LEFT JOIN routing_exclusion e ON e.conversation_id = ? AND e.agent_id = a.id AND e.expires_at > ? "
            + "LEFT JOIN agent_block b ON b.agent_id = a.id AND b.blocked_visitor_id = ? "
            + "LEFT JOIN (" + LOADS + ") l ON l.agent_id = a.id WHERE m.inbox_id = ? %2$s";
    static final String ACTIVE_MEMBERS = String.format(MEMBERS, "",
            "AND a.active = TRUE ORDER BY a.display_name, a.id");
    static final String ONE_MEMBER = String.format(MEMBERS, "AND lm.agent_id = ?", "AND a.id = ?");

    /** One agent's load here and overall, from the same indexes. */
    static final String LOAD_OF_AGENT = "SELECT (SELECT COUNT(*) FROM conversation c WHERE c.assignee_id = ? "
            + "AND c.status = 'ASSIGNED' AND c.inbox_id = ?) + (SELECT COUNT(*) FROM offer o WHERE o.agent_id = ? "
            + "AND o.status = 'PENDING' AND o.inbox_id = ?), (SELECT COUNT(*) FROM conversation c "
            + "WHERE c.assignee_id = ? AND c.status = 'ASSIGNED') + (SELECT COUNT(*) FROM offer o "
            + "WHERE o.agent_id = ? AND o.status = 'PENDING')";

    @PersistenceContext
    EntityManager em;

    /** Every active member of the conversation's inbox, by name. */
    public List<Candidate> candidates(Conversation conversation) {
        long inboxId = conversation.getInbox().getId();
        return candidates(query(ACTIVE_MEMBERS, conversation.getId(), Timestamp.from(Instant.now()),
                conversation.getVisitor().getId(), inboxId, inboxId, inboxId, inboxId, inboxId));
    }

    /**
     * One member, active or not, counted afresh (null if the agent is no member of the inbox): called with the
     * agent's row locked, so nobody else is offering them work.
     */
    public Candidate candidate(Conversation conversation, Agent agent) {
        long inboxId = conversation.getInbox().getId();
        long agentId = agent.getId();
        var found = candidates(query(ONE_MEMBER, conversation.getId(), Timestamp.from(Instant.now()),
                conversation.getVisitor().getId(), inboxId, inboxId, agentId, inboxId, inboxId, agentId, inboxId,
                agentId));
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The candidate as they are now, counted again: called with the agent's row locked (which read their
     * presence), so nobody else is offering them work meanwhile. Exclusions and blocks are not read again: they
     * change only under the conversation's lock, which the caller holds.
     */
    public Candidate recount(Conversation conversation, Candidate candidate, Presence presence) {
        long agentId = candidate.agentId();
        long inboxId = conversation.getInbox().getId();
        var row = (Object[]) query(LOAD_OF_AGENT, agentId, inboxId, agentId, inboxId, agentId, agentId)
                .getSingleResult();
        return candidate.now(presence, ((Number) row[0]).intValue(), ((Number) row[1]).intValue());
    }

    private Query query(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }

    private static List<Candidate> candidates(Query members) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = members.getResultList();
        return rows.stream().map(row -> {
            var reason = (String) row[8];
            var missed = OfferStatus.EXPIRED.name().equals(reason);
            var excluded = row[9] != null ? "has blocked this visitor"
                    : reason == null || missed ? null : "rejected this conversation";
            return new Candidate(((Number) row[0]).longValue(), (String) row[1], Presence.valueOf((String) row[2]),
                    ((Number) row[6]).intValue(), ((Number) row[3]).intValue(), ((Number) row[7]).intValue(),
                    row[4] == null ? null : ((Number) row[4]).intValue(), instant(row[5]), excluded, missed);
        }).toList();
    }

    /** A DATETIME as the driver hands it over, read as the persistence unit reads it (the JVM's zone). */
    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof LocalDateTime local) {
            return local.atZone(ZoneId.systemDefault()).toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("Not a timestamp: " + value.getClass().getName());
    }
}
