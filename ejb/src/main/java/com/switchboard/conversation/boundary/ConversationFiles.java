package com.switchboard.conversation.boundary;

import com.switchboard.attachment.boundary.AttachmentDownload;
import com.switchboard.attachment.boundary.ConversationAttachments;
import com.switchboard.attachment.boundary.IncomingFile;
import com.switchboard.attachment.control.AttachmentStore;
import com.switchboard.attachment.control.ReceivedFile;
import com.switchboard.attachment.entity.AttachedFile;
import com.switchboard.attachment.entity.Attachment;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.MessageFiles.FileOfMessage;
import com.switchboard.conversation.control.MessageFiles;
import com.switchboard.conversation.control.PostedMessage;
import com.switchboard.conversation.entity.Channel;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Messages with files, and the files of a conversation for those who may read them. Files are received (streamed
 * to disk, measured, their type told from their content) before any transaction starts, so no lock waits on an
 * upload; then the message and all its files are stored together ({@link VisitorMessages}, {@link AgentMessages}),
 * or none of them.
 */
@Stateless
public class ConversationFiles {

    @EJB
    AttachmentStore store;

    @EJB
    MessageFiles files;

    @EJB
    AgentMessages agentMessages;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    ConversationGuard guard;

    /** A visitor's message with 1 to 5 files and an optional text, in their conversation of the inbox. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public PostedMessage postVisitorMessage(String inboxName, String visitorToken, String text,
                                            List<IncomingFile> files) {
        return postVisitorMessage(inboxName, visitorToken, text, files, null);
    }

    /**
     * The same from {@code address}: where a visitor without a row yet is, if this is their first act (which
     * makes it).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public PostedMessage postVisitorMessage(String inboxName, String visitorToken, String text,
                                            List<IncomingFile> files, String address) {
        return withReceived(files, received -> visitorMessages.post(inboxName, visitorToken, text,
                Channel.WIDGET, received, VisitorContext.connection(address, null)));
    }

    /** An agent's public reply with files; the same rights as a reply without. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public PostedMessage postAgentMessage(long conversationId, long agentId, String text, List<IncomingFile> files) {
        return withReceived(files, received -> agentMessages.reply(conversationId, agentId, text, null,
                received));
    }

    /** A private note with files: the visitor never sees them. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public PostedMessage postNote(long conversationId, long agentId, String text, List<IncomingFile> files) {
        return withReceived(files, received -> agentMessages.note(conversationId, agentId, text, received));
    }

    /** Every attachment, notes' included, for an agent who may read the conversation. */
    public ConversationAttachments listForAgent(long agentId, long conversationId) {
        var agent = guard.activeAgent(agentId);
        var conversation = guard.existing(conversationId);
        guard.requireReadable(agent, conversation);
        return ConversationAttachments.of(ofConversation(conversationId, false));
    }

    /** The attachments of the visitor's conversation that they may see: those of public messages. */
    public ConversationAttachments listForVisitor(String visitorToken, long conversationId) {
        guard.visitorsConversation(visitorToken, conversationId);
        return ConversationAttachments.of(ofConversation(conversationId, true));
    }

    public AttachmentDownload openForAgent(long agentId, long attachmentId) {
        var agent = guard.activeAgent(agentId);
        var file = existing(attachmentId);
        guard.requireReadable(agent, file.message().getConversation());
        return download(file);
    }

    /**
     * Only files of public messages of the visitor's own conversations (and not while they are blocked); any other
     * is answered as unknown.
     */
    public AttachmentDownload openForVisitor(String visitorToken, long attachmentId) {
        var visitor = guard.activeVisitor(visitorToken);
        var file = existing(attachmentId);
        if (!file.message().getConversation().getVisitor().getId().equals(visitor.getId())
                || !file.message().getAuthorType().isPublic()) {
            throw unknown(attachmentId);
        }
        return download(file);
    }

    private PostedMessage withReceived(List<IncomingFile> files, Function<List<ReceivedFile>, PostedMessage> post) {
        var received = new ArrayList<ReceivedFile>();
        try {
            if (files.isEmpty()) {
                throw RequestRejectedException.invalid("attachment.none", "Send at least one file.");
            }
            if (files.size() > Attachment.MAX_PER_MESSAGE) {
                throw RequestRejectedException.invalid("attachment.too-many",
                        "A message may carry at most " + Attachment.MAX_PER_MESSAGE + " files; this one has "
                                + files.size() + ".");
            }
            for (var file : files) {
                received.add(store.receive(file.name(), file.content()));
            }
            return post.apply(received);
        } finally {
            // After a commit the files were moved away and this finds nothing; otherwise nothing stays behind.
            received.forEach(store::discard);
            files.forEach(ConversationFiles::closeQuietly);
        }
    }

    private List<AttachedFile> ofConversation(long conversationId, boolean publicOnly) {
        return files.files(conversationId, publicOnly);
    }

    private FileOfMessage existing(long attachmentId) {
        return files.find(attachmentId).orElseThrow(() -> unknown(attachmentId));
    }

    private AttachmentDownload download(FileOfMessage file) {
        return new AttachmentDownload(file.describe(), store.open(file.attachment().getStorageName()));
    }

    private static RequestRejectedException unknown(long attachmentId) {
        return RequestRejectedException.notFound("attachment.unknown", "There is no attachment " + attachmentId + ".");
    }

    private static void closeQuietly(IncomingFile file) {
        try {
            file.content().close();
        } catch (IOException e) {
            // Already read or abandoned: the request ends anyway.
        }
    }
}
