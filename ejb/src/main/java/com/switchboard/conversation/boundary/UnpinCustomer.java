package com.switchboard.conversation.boundary;

import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.CustomerUnpinned;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Unpins the customer from a conversation: the conversation stays (with its visitor, who may still write in it),
 * the customer stays, but the conversation leaves the customer's card and the card leaves the conversation, and
 * its customer tags no longer count it. Whoever may read the conversation may; once is enough (a second time
 * changes nothing). The customer's open cards hear of it ({@link CustomerUnpinned}).
 */
@Stateless
public class UnpinCustomer {

    @EJB
    ConversationGuard guard;

    @Inject
    Event<CustomerUnpinned> unpinned;

    public void unpin(long agentId, long conversationId) {
        var agent = guard.activeAgent(agentId);
        var conversation = guard.locked(conversationId);
        guard.requireReadable(agent, conversation);
        if (!conversation.customerCard().isUnpinned()) {
            conversation.customerCard().unpin(agentId, Instant.now());
            unpinned.fire(new CustomerUnpinned(conversationId, conversation.getVisitor().getId()));
        }
    }
}
