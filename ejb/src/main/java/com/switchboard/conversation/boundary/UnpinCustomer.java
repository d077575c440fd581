package com.switchboard.conversation.boundary;

import com.switchboard.conversation.control.ConversationGuard;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Instant;

/**
 * Unpins the customer from a conversation: the conversation stays (with its visitor, who may still write in it),
 * the customer stays, but the conversation leaves the customer's card and the card leaves the conversation, and
 * its customer tags no longer count it. Whoever may read the conversation may; once is enough (a second time
 * changes nothing).
 */
@Stateless
public class UnpinCustomer {

    @EJB
    ConversationGuard guard;

    public void unpin(long agentId, long conversationId) {
        var agent = guard.activeAgent(agentId);
        var conversation = guard.locked(conversationId);
        guard.requireReadable(agent, conversation);
        conversation.unpinCustomer(agentId, Instant.now());
    }
}
