package com.switchboard.conversation.boundary;

import com.switchboard.conversation.control.ConversationEventPublisher;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.entity.Conversation;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Processing order's alarm: a conversation whose reply deadline passed without an agent's answer is announced to
 * the consoles once per deadline ({@code conversation.overdue}: the holder and the overseers get an alert, every
 * list marks it); the live dashboard counts them per inbox and lists them.
 */
@Stateless
public class OverdueReplies {

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationGuard guard;

    @EJB
    ConversationEventPublisher events;

    /**
     * Announces the conversation if its deadline passed and nobody announced it yet, under its row's lock: of
     * several nodes sweeping at once, one does.
     */
    public void announce(long conversationId) {
        var conversation = guard.locked(conversationId);
        if (conversation.announceOverdue(Instant.now())) {
            events.overdue(conversationId);
        }
    }

    /**
     * Conversations past their reply deadline now, the longest overdue first, at most {@code max}: of one inbox, or
     * of all when {@code inboxId} is null.
     */
    public List<OverdueConversation> list(int max, Long inboxId) {
        var query = em.createQuery("SELECT c FROM Conversation c JOIN FETCH c.inbox JOIN FETCH c.visitor "
                + "LEFT JOIN FETCH c.assignee WHERE c.reply.deadline <= :now"
                + (inboxId == null ? "" : " AND c.inbox.id = :inboxId")
                + " ORDER BY c.reply.deadline, c.id", Conversation.class)
                .setParameter("now", Instant.now()).setMaxResults(max);
        if (inboxId != null) {
            query.setParameter("inboxId", inboxId);
        }
        return query.getResultStream().map(OverdueConversation::of).toList();
    }

    /** Conversations past their reply deadline now, by inbox id (inboxes without any are absent). */
    public Map<Long, Long> countByInbox() {
        return em.createQuery("SELECT c.inbox.id, COUNT(c) FROM Conversation c WHERE c.reply.deadline <= :now "
                        + "GROUP BY c.inbox.id", Object[].class)
                .setParameter("now", Instant.now()).getResultStream()
                .collect(Collectors.toMap(row -> (Long) row[0], row -> (Long) row[1]));
    }
}
