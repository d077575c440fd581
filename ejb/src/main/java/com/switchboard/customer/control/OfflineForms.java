package com.switchboard.customer.control;

import com.switchboard.conversation.control.ConversationOpened;
import com.switchboard.conversation.control.ConversationsDeleting;
import com.switchboard.conversation.entity.Channel;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.customer.entity.OfflineFormConversation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Which conversations customers left on the widget's offline form: those started on the widget while nobody in
 * their inbox was online, when the widget shows the offline form instead of its composer (docs/WIDGET.md). Kept
 * in the transaction that started the conversation; gone with a deleted conversation.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class OfflineForms {

    @PersistenceContext
    EntityManager em;

    public void opened(@Observes ConversationOpened event) {
        var conversation = em.find(Conversation.class, event.conversationId());
        if (conversation.getChannel() == Channel.WIDGET && !event.inboxOnline()) {
            em.persist(new OfflineFormConversation(event.conversationId()));
        }
    }

    public void deleting(@Observes ConversationsDeleting event) {
        em.createNamedQuery(OfflineFormConversation.DELETE_OF_CONVERSATIONS).setParameter("ids",
                event.conversationIds()).executeUpdate();
    }

    /** Whether the conversation was left on the offline form. */
    public boolean leftOnTheForm(long conversationId) {
        return em.find(OfflineFormConversation.class, conversationId) != null;
    }
}
