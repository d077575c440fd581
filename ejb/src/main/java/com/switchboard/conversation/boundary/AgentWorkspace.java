package com.switchboard.conversation.boundary;

import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.DeliveryStatuses;
import com.switchboard.conversation.control.UnreadCounts;
import com.switchboard.conversation.entity.AgentConversationKey;
import com.switchboard.conversation.entity.AgentConversationState;
import com.switchboard.conversation.entity.DeliveryStatus;
import com.switchboard.conversation.entity.MessageText;
import com.switchboard.conversation.entity.Recipient;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
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

    @EJB
    DeliveryStatuses deliveryStatuses;

    @EJB
    UnreadCounts unreadCounts;

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

    /**
     * The agent has seen the conversation up to {@code seq} (never beyond its last message); the visitor's messages
     * up to there are READ for the visitor.
     */
    public void markRead(long agentId, long conversationId, long seq) {
        var conversation = guard.existing(conversationId);
        requireReadable(agentId, conversationId);
        long upTo = Math.min(seq, conversation.activity().lastSeq());
        // The conversation's row before the agent's: the order every writer of both takes them in.
        if (upTo > 0) {
            deliveryStatuses.advance(conversationId, Recipient.AGENTS, DeliveryStatus.READ, upTo, null);
        }
        state(agentId, conversationId).readUpTo(upTo);
    }

    public void markUnread(long agentId, long conversationId) {
        state(agentId, conversationId).markUnread();
    }

    /** Unread messages per conversation the agent holds (archived ones aside); see {@link UnreadCounts}. */
    public Map<Long, Long> unread(long agentId) {
        guard.activeAgent(agentId);
        return unreadCounts.ofHeld(agentId);
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
