package com.switchboard.conversation.control;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/**
 * Whoever has a conversation open hears that it was deleted, not only at their next use of it: its visitor's widget
 * and the consoles that may read it (the notices leave once the deletion commits, and not at all if it does not).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DeletionNotices {

    @EJB
    ConversationEventPublisher events;

    public void conversationsDeleting(@Observes ConversationsDeleting event) {
        event.conversationIds().stream().sorted().forEach(events::deleted);
    }
}
