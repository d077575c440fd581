package com.switchboard.conversation.control;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How many messages of a conversation an agent has not read: those after their read position that they did not
 * write themselves; a conversation they marked unread counts at least one. Callers have checked that the agent
 * may read the conversations they ask about.
 */
@Stateless
public class UnreadCounts {

    private static final String COUNTS = """
            SELECT c.id,
                   (SELECT COUNT(*) FROM message m
                     WHERE m.conversation_id = c.id AND m.seq > COALESCE(s.read_seq, 0)
                       AND (m.author_agent_id IS NULL OR m.author_agent_id <> ?1)),
                   COALESCE(s.marked_unread, FALSE)
              FROM conversation c
              LEFT JOIN agent_conversation_state s ON s.conversation_id = c.id AND s.agent_id = ?1
            """;

    @PersistenceContext
    EntityManager em;

    /** For each conversation the agent holds (archived ones aside), by conversation id. */
    public Map<Long, Long> ofHeld(long agentId) {
        return counts(em.createNativeQuery(COUNTS
                + " WHERE c.assignee_id = ?1 AND c.status <> 'ARCHIVED' ORDER BY c.id").setParameter(1, agentId));
    }

    /** For these conversations (a list's page), by conversation id. */
    public Map<Long, Long> of(long agentId, Collection<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        var ids = List.copyOf(conversationIds);
        // Positional parameters only: the ids are bound, never spliced into the SQL.
        var placeholders = IntStream.range(0, ids.size()).mapToObj(i -> "?" + (i + 2))
                .collect(Collectors.joining(", "));
        var query = em.createNativeQuery(COUNTS + " WHERE c.id IN (" + placeholders + ") ORDER BY c.id")
                .setParameter(1, agentId);
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter(i + 2, ids.get(i));
        }
        return counts(query);
    }

    private static Map<Long, Long> counts(Query query) {
        @SuppressWarnings("unchecked")
        var rows = (List<Object[]>) query.getResultList();
        var unread = new LinkedHashMap<Long, Long>();
        for (var row : rows) {
            long count = ((Number) row[1]).longValue();
            boolean marked = row[2] instanceof Boolean b ? b : ((Number) row[2]).intValue() != 0;
            unread.put(((Number) row[0]).longValue(), marked ? Math.max(count, 1) : count);
        }
        return unread;
    }
}
