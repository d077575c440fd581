package com.switchboard.conversation.control;

import com.switchboard.conversation.entity.Conversation;
import com.switchboard.mail.boundary.MailOutbox;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * A chat that ends sends its visitor the chat log by e-mail where the inbox says so, the installation sends e-mail
 * and the visitor gave an address; queued in the closing transaction, so a close that rolls back sends nothing.
 * A CDI observer, as every observer of the capabilities' events is (docs/design/capabilities.md).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ChatLogMail {

    @PersistenceContext
    EntityManager em;

    @EJB
    MailOutbox mail;

    @EJB
    ChatLogs logs;

    public void closed(@Observes ConversationClosed event) {
        var conversation = em.find(Conversation.class, event.conversationId());
        var email = conversation.getVisitor().getEmail();
        if (!conversation.getInbox().isChatLogByEmail() || !mail.sends() || !MailOutbox.isAddress(email)) {
            return;
        }
        var log = logs.of(conversation);
        if (log.lines().isEmpty()) {
            return;
        }
        mail.queue(email, log.title(), log.text(), conversation.getId());
    }
}
