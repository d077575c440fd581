package com.switchboard.conversation.control;

import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.EndedBy;
import com.switchboard.inbox.entity.InactivityAction;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An inbox's inactivity policy: once an agent has answered, the visitor owes the next message, and the policy acts
 * (a system message, a close, or both) if it does not come in time. While a visitor waits for an agent nothing
 * counts as their inactivity: an unanswered chat is the reply deadline's business.
 */
@Stateless
public class InactivityRules {

    @PersistenceContext
    EntityManager em;

    @EJB
    InactivityTimers timers;

    @EJB
    MessageStore messages;

    @EJB
    ConversationCloser closer;

    /** What one "minute" of an inbox's inactivity policy lasts; tests shorten it. */
    @Inject
    @ConfigProperty(name = "switchboard.inactivity.unit", defaultValue = "PT1M")
    Duration unit;

    /**
     * An agent's public message to the locked conversation starts the visitor's clock. (The visitor's message
     * stops it in {@code Conversation.append}.)
     */
    public void agentAnswered(Conversation conversation) {
        var policy = conversation.getInbox().settings().inactivity();
        if (policy == null) {
            return;
        }
        var now = Instant.now();
        var deadline = now.plus(unit.multipliedBy(policy.minutes()));
        if (conversation.inactivity().moveTo(deadline, now)) {
            timers.arm(conversation.getId(), deadline);
        }
    }

    /**
     * The conversation's inactivity deadline may have come: the policy acts, once. Called by the conversation's
     * timer and by the sweeper; a deadline that moved on meanwhile only re-arms the timer. A visitor whose message
     * awaits an agent's answer is never inactive, whatever deadline the row holds.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void due(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
        if (conversation == null) {
            return;
        }
        var deadline = conversation.inactivity().deadline();
        var policy = conversation.getInbox().settings().inactivity();
        if (deadline == null || policy == null || !conversation.getStatus().isOpen()
                || !conversation.getReply().isAnswered()) {
            conversation.inactivity().handled();
            return;
        }
        if (deadline.isAfter(Instant.now())) {
            timers.arm(conversationId, conversation.inactivity().rearm());
            return;
        }
        conversation.inactivity().handled();
        if (policy.action().sendsMessage()) {
            messages.store(conversation, conversation.append(AuthorType.SYSTEM, policy.message(), Instant.now()));
        }
        if (policy.action() != InactivityAction.SEND_MESSAGE) {
            closer.close(conversation, EndedBy.INACTIVITY);
        }
    }
}
