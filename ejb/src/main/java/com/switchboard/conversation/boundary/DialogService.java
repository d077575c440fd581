package com.switchboard.conversation.boundary;

import com.switchboard.conversation.control.ConversationEvent;
import com.switchboard.conversation.control.ConversationEventPublisher;
import com.switchboard.conversation.control.MessageText;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.platform.boundary.RequestRejectedException;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.entity.Visitor;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/** Conversations and their messages: every way a message enters Switchboard ends here. */
@Stateless
public class DialogService {

    @PersistenceContext
    EntityManager em;

    @EJB
    InboxService inboxes;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationEventPublisher events;

    /**
     * Stores a visitor's message in their open conversation of the inbox (starting one if there is none) with
     * the conversation's next sequence number, and publishes it once the transaction commits.
     */
    public PostedMessage postVisitorMessage(String inboxName, String visitorToken, String text) {
        var body = MessageText.validate(text);
        var inbox = inboxes.acceptingVisitors(inboxName);
        var visitor = visitors.findByToken(visitorToken).orElseThrow(() -> RequestRejectedException.forbidden(
                "visitor.unknown", "This visitor token is not known."));

        // The visitor's row lock serialises their concurrent first messages: exactly one starts a conversation.
        em.lock(visitor, LockModeType.PESSIMISTIC_WRITE);
        var conversation = openConversation(inbox, visitor);
        // The conversation's row lock makes sequence numbers gap-free and unique whoever writes (visitor, agents).
        em.lock(conversation, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(conversation);

        var message = conversation.append(AuthorType.VISITOR, body);
        em.persist(message);
        em.flush();
        events.publish(ConversationEvent.messageCreated(message, inbox.getId()));
        return new PostedMessage(conversation.getId(), message.getSeq(), message.getCreatedAt());
    }

    private Conversation openConversation(Inbox inbox, Visitor visitor) {
        return em.createNamedQuery(Conversation.LATEST_OF_VISITOR_IN_INBOX, Conversation.class)
                .setParameter("visitorId", visitor.getId())
                .setParameter("inboxId", inbox.getId())
                .setMaxResults(1)
                .getResultStream()
                .filter(c -> c.getStatus().isOpen())
                .findFirst()
                .orElseGet(() -> {
                    var started = new Conversation(inbox, visitor);
                    em.persist(started);
                    em.flush();
                    return started;
                });
    }
}
