package com.switchboard.conversation.control;

import com.switchboard.attachment.entity.AttachedFile;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.Message;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The visitor's chat log of a conversation (ChatLog): public messages only, agents named as the visitor saw them
 * (the name each message was shown under, {@link Message#getShownAuthorName}), the visitor as "You".
 */
@Stateless
public class ChatLogs {

    @PersistenceContext
    EntityManager em;

    @EJB
    MessageFiles attachments;

    public ChatLog of(Conversation conversation) {
        var files = attachments.ofConversation(conversation.getId());
        var inbox = conversation.getInbox().settings().name();
        var lines = em.createNamedQuery(Message.OF_CONVERSATION, Message.class)
                .setParameter("conversationId", conversation.getId()).getResultStream()
                .filter(m -> m.getAuthorType().isPublic())
                .map(m -> new ChatLog.Line(m.getCreatedAt(), who(m, inbox), m.getBody(),
                        files.getOrDefault(m.getSeq(), List.of()).stream().map(AttachedFile::name).toList()))
                .toList();
        return new ChatLog(inbox, conversation.getId(), lines);
    }

    private static String who(Message message, String inbox) {
        return message.getAuthorType() == AuthorType.VISITOR ? "You"
                : message.getAuthorType() == AuthorType.AGENT
                ? message.getShownAuthorName() : inbox;
    }
}
