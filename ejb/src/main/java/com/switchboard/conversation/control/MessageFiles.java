package com.switchboard.conversation.control;

import com.switchboard.attachment.control.Attachments;
import com.switchboard.attachment.control.ReceivedFile;
import com.switchboard.attachment.entity.AttachedFile;
import com.switchboard.attachment.entity.AttachedTo;
import com.switchboard.attachment.entity.Attachment;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.Message;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which files belong to which message: the attachment capability keeps the files and their rows, named by message
 * id; the conversation, which owns the messages, links them and says who may read them.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class MessageFiles {

    /** A file with the message it came with. */
    public record FileOfMessage(Attachment attachment, Message message) {

        public AttachedFile describe() {
            return attachment.describe(message.getSeq());
        }
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    Attachments attachments;

    /** Attaches the files to a message just persisted, as its conversation's inbox allows. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<AttachedFile> attach(Conversation conversation, Message message, List<ReceivedFile> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        em.flush(); // the message's row first, which its files' rows name
        return attachments.attach(new AttachedTo(conversation.getId(), message.getId(), message.getSeq(),
                message.getCreatedAt()), conversation.getInbox().settings().attachmentTypes(), files);
    }

    /** A conversation's attachments (notes' included) by the seq of their message. */
    public Map<Long, List<AttachedFile>> ofConversation(long conversationId) {
        var bySeq = new LinkedHashMap<Long, List<AttachedFile>>();
        files(conversationId, false).forEach(file -> bySeq
                .computeIfAbsent(file.seq(), seq -> new ArrayList<>()).add(file));
        return bySeq;
    }

    /** A conversation's attachments in the order they came, only public messages' if {@code publicOnly}. */
    public List<AttachedFile> files(long conversationId, boolean publicOnly) {
        return em.createNamedQuery(Message.FILES_OF_CONVERSATION, Object[].class)
                .setParameter("conversationId", conversationId).getResultStream()
                .filter(row -> !publicOnly || ((AuthorType) row[2]).isPublic())
                .map(row -> ((Attachment) row[0]).describe((Long) row[1])).toList();
    }

    public Optional<FileOfMessage> find(long attachmentId) {
        return em.createNamedQuery(Message.FILE_WITH_MESSAGE, Object[].class)
                .setParameter("attachmentId", attachmentId).getResultStream().findFirst()
                .map(row -> new FileOfMessage((Attachment) row[0], (Message) row[1]));
    }
}
