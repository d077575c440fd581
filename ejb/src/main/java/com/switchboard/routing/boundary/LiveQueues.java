package com.switchboard.routing.boundary;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.visitor.entity.Visitor;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What supervisors watch: each inbox's queue (waiting, offered, assigned, the longest wait) and every agent who
 * is not offline with their load. A handful of grouped queries, whatever the number of conversations.
 */
@Stateless
public class LiveQueues {

    /** One inbox's queue now; {@code oldestWaitingSince} is null when nobody waits. */
    public record InboxQueue(long inboxId, String name, AssignmentMode mode, long waiting, long offered,
                             long assigned, Instant oldestWaitingSince) {
    }

    /**
     * An agent who is online or away: conversations held, offers pending, their cap over all inboxes (null: only
     * the per-inbox capacities count) and the sum of those capacities.
     */
    public record AgentLoad(long agentId, String name, Presence presence, long held, long offers,
                            Integer maxConversations, long capacity) {
        public long load() {
            return held + offers;
        }

        /** The most they can hold: their cap, or the sum of their inboxes' capacities when it is smaller. */
        public long limit() {
            return maxConversations == null ? capacity : Math.min(maxConversations, capacity);
        }
    }

    /**
     * A conversation waiting for an agent, oldest first: what a supervisor assigns by hand. {@code visitorVerified}:
     * the customer's site signed the visitor's name.
     */
    public record WaitingConversation(long conversationId, long inboxId, String inboxName, AssignmentMode mode,
                                      String visitor, boolean visitorVerified, Instant waitingSince) {
    }

    @PersistenceContext
    EntityManager em;

    public List<InboxQueue> inboxes() {
        Map<Long, Map<ConversationStatus, Long>> counts = new HashMap<>();
        em.createQuery("SELECT c.inbox.id, c.status, COUNT(c) FROM Conversation c WHERE c.status IN :open "
                        + "GROUP BY c.inbox.id, c.status", Object[].class)
                .setParameter("open", List.of(ConversationStatus.WAITING, ConversationStatus.OFFERED,
                        ConversationStatus.ASSIGNED))
                .getResultList().forEach(row -> counts.computeIfAbsent((Long) row[0], id -> new HashMap<>())
                        .put((ConversationStatus) row[1], (Long) row[2]));
        // The minimum in Java: an aggregate of a converted column reaches the converter as the driver's type.
        Map<Long, Instant> oldest = new HashMap<>();
        em.createQuery("SELECT c.inbox.id, c.queuedAt FROM Conversation c WHERE c.status IN :queued "
                        + "AND c.queuedAt IS NOT NULL", Object[].class)
                .setParameter("queued", List.of(ConversationStatus.WAITING, ConversationStatus.OFFERED))
                .getResultList().forEach(row -> oldest.merge((Long) row[0], (Instant) row[1],
                        (a, b) -> a.isBefore(b) ? a : b));
        return em.createNamedQuery(Inbox.ALL, Inbox.class).getResultStream().map(inbox -> {
            var of = counts.getOrDefault(inbox.getId(), Map.of());
            return new InboxQueue(inbox.getId(), inbox.getName(), inbox.settings().assignmentMode(),
                    of.getOrDefault(ConversationStatus.WAITING, 0L), of.getOrDefault(ConversationStatus.OFFERED, 0L),
                    of.getOrDefault(ConversationStatus.ASSIGNED, 0L), oldest.get(inbox.getId()));
        }).toList();
    }

    /** Agents online or away, by name. */
    public List<AgentLoad> agents() {
        var held = counts("SELECT c.assignee.id, COUNT(c) FROM Conversation c WHERE c.status = "
                + "com.switchboard.conversation.entity.ConversationStatus.ASSIGNED GROUP BY c.assignee.id");
        var offers = counts("SELECT o.agent.id, COUNT(o) FROM Offer o WHERE o.answer.status = "
                + "com.switchboard.routing.entity.OfferStatus.PENDING GROUP BY o.agent.id");
        var capacity = counts("SELECT m.agent.id, SUM(m.capacity) FROM InboxMembership m "
                + "WHERE m.inbox.deletedAt IS NULL GROUP BY m.agent.id");
        return em.createQuery("SELECT a FROM Agent a WHERE a.active = TRUE AND a.presence <> :offline "
                        + "ORDER BY a.displayName, a.id", Agent.class)
                .setParameter("offline", Presence.OFFLINE).getResultStream()
                .map(a -> new AgentLoad(a.getId(), a.getDisplayName(), a.getPresence(),
                        held.getOrDefault(a.getId(), 0L), offers.getOrDefault(a.getId(), 0L),
                        a.getMaxConversations(), capacity.getOrDefault(a.getId(), 0L)))
                .toList();
    }

    /**
     * Conversations waiting (not yet offered), longest waiting first, at most {@code max}: of one inbox, or of all
     * when {@code inboxId} is null.
     */
    public List<WaitingConversation> waiting(int max, Long inboxId) {
        var query = em.createQuery("SELECT c FROM Conversation c JOIN FETCH c.inbox JOIN FETCH c.visitor "
                + "WHERE c.status = com.switchboard.conversation.entity.ConversationStatus.WAITING"
                + (inboxId == null ? "" : " AND c.inbox.id = :inboxId")
                + " ORDER BY c.queuedAt, c.id", Conversation.class).setMaxResults(max);
        if (inboxId != null) {
            query.setParameter("inboxId", inboxId);
        }
        return query.getResultStream()
                .map(c -> new WaitingConversation(c.getId(), c.getInbox().getId(), c.getInbox().getName(),
                        c.getInbox().settings().assignmentMode(), label(c.getVisitor()),
                        c.getVisitor().isIdentityVerified(), c.getQueuedAt()))
                .toList();
    }

    /** How many conversations each agent holds in this inbox now. */
    public Map<Long, Long> heldIn(long inboxId) {
        Map<Long, Long> counts = new HashMap<>();
        em.createQuery("SELECT c.assignee.id, COUNT(c) FROM Conversation c WHERE c.inbox.id = :inboxId AND c.status = "
                        + "com.switchboard.conversation.entity.ConversationStatus.ASSIGNED GROUP BY c.assignee.id",
                        Object[].class)
                .setParameter("inboxId", inboxId).getResultList()
                .forEach(row -> counts.put((Long) row[0], (Long) row[1]));
        return counts;
    }

    static String label(Visitor visitor) {
        return visitor.label();
    }

    private Map<Long, Long> counts(String query) {
        Map<Long, Long> counts = new HashMap<>();
        em.createQuery(query, Object[].class).getResultList()
                .forEach(row -> counts.put((Long) row[0], ((Number) row[1]).longValue()));
        return counts;
    }
}
