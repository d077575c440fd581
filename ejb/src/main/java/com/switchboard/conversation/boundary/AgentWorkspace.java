package com.switchboard.conversation.boundary;

import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.MessageText;
import com.switchboard.conversation.entity.AgentConversationKey;
import com.switchboard.conversation.entity.AgentConversationState;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What belongs to one agent in a conversation and nobody else: their draft reply (kept on the server, so it
 * survives closing the tab), how far they have read, and "mark unread", which changes nothing for colleagues.
 */
@Stateless
public class AgentWorkspace {

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationGuard guard;

    /** Keeps the draft; a blank one removes it. Drafts obey the message rules, so they can always be sent. */
    public void saveDraft(long agentId, long conversationId, String text) {
        var draft = text == null || text.isBlank() ? null : MessageText.validate(text);
        state(agentId, conversationId).keepDraft(draft, Instant.now());
    }

    public Optional<String> draft(long agentId, long conversationId) {
        requireReadable(agentId, conversationId);
        return Optional.ofNullable(em.find(AgentConversationState.class, new AgentConversationKey(agentId,
                conversationId))).map(AgentConversationState::getDraft);
    }

    /** The agent has seen the conversation up to {@code seq} (never beyond its last message). */
    public void markRead(long agentId, long conversationId, long seq) {
        var conversation = guard.existing(conversationId);
        state(agentId, conversationId).readUpTo(Math.min(seq, conversation.getLastSeq()));
    }

    public void markUnread(long agentId, long conversationId) {
        state(agentId, conversationId).markUnread();
    }

    /**
     * Unread messages per conversation the agent holds (archived ones aside): messages after their read
     * position that they did not write themselves; a conversation marked unread counts at least one.
     */
    public Map<Long, Long> unread(long agentId) {
        guard.activeAgent(agentId);
        @SuppressWarnings("unchecked")
        var rows = (java.util.List<Object[]>) em.createNativeQuery("""
                SELECT c.id,
                       (SELECT COUNT(*) FROM message m
                         WHERE m.conversation_id = c.id AND m.seq > COALESCE(s.read_seq, 0)
                           AND (m.author_agent_id IS NULL OR m.author_agent_id <> ?1)),
                       COALESCE(s.marked_unread, FALSE)
                  FROM conversation c
                  LEFT JOIN agent_conversation_state s ON s.conversation_id = c.id AND s.agent_id = ?1
                 WHERE c.assignee_id = ?1 AND c.status <> 'ARCHIVED'
                 ORDER BY c.id""").setParameter(1, agentId).getResultList();
        var unread = new LinkedHashMap<Long, Long>();
        for (var row : rows) {
            long count = ((Number) row[1]).longValue();
            boolean marked = row[2] instanceof Boolean b ? b : ((Number) row[2]).intValue() != 0;
            unread.put(((Number) row[0]).longValue(), marked ? Math.max(count, 1) : count);
        }
        return unread;
    }

    /** The number the console shows in its header. */
    public long unreadTotal(long agentId) {
        return unread(agentId).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The agent's row for the conversation, locked: two tabs writing at once are applied one after the other. */
    private AgentConversationState state(long agentId, long conversationId) {
        requireReadable(agentId, conversationId);
        var key = new AgentConversationKey(agentId, conversationId);
        var state = em.find(AgentConversationState.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (state == null) {
            state = new AgentConversationState(key);
            em.persist(state);
        }
        return state;
    }

    private void requireReadable(long agentId, long conversationId) {
        guard.requireReadable(guard.activeAgent(agentId), guard.existing(conversationId));
    }
}
