package com.switchboard.conversation.boundary;

import com.switchboard.conversation.control.ChatLog;
import com.switchboard.conversation.control.ChatLogs;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.MessageEvents;
import com.switchboard.conversation.control.MessageFiles;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.conversation.entity.Message;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.events.ConversationEvent;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Reading a conversation: its transcript, the visitor's chat log, and the entries a reconnecting client missed.
 * Visitors read public entries only; agents who may read the conversation read everything, notes included.
 */
@Stateless
public class Transcripts {

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationGuard guard;

    @EJB
    MessageFiles attachments;

    @EJB
    ChatLogs chatLogs;

    /** What the visitor may read of their conversation: every public message, no notes. */
    public List<TranscriptEntry> forVisitor(String visitorToken, long conversationId) {
        var conversation = guard.visitorsConversation(visitorToken, conversationId);
        var files = attachments.ofConversation(conversationId);
        return messages(conversation).stream().filter(m -> m.getAuthorType().isPublic())
                .map(m -> TranscriptEntry.of(m, files)).toList();
    }

    /**
     * The visitor's chat log of their conversation once it has ended (the widget's download): public messages and
     * the names of their files, agents as the visitor saw them.
     */
    public ChatLog chatLogForVisitor(String visitorToken, long conversationId) {
        var conversation = guard.visitorsConversation(visitorToken, conversationId);
        if (conversation.getStatus() != ConversationStatus.CLOSED
                && conversation.getStatus() != ConversationStatus.ARCHIVED) {
            throw RequestRejectedException.conflict("chat-log.chat-open",
                    "The chat log can be downloaded once the chat has ended.");
        }
        return chatLogs.of(conversation);
    }

    /** Everything, notes included, for an agent allowed to read the conversation. */
    public List<TranscriptEntry> forAgent(long agentId, long conversationId) {
        var agent = guard.activeAgent(agentId);
        var conversation = guard.existing(conversationId);
        guard.requireReadable(agent, conversation);
        var files = attachments.ofConversation(conversationId);
        return messages(conversation).stream().map(m -> TranscriptEntry.of(m, files)).toList();
    }

    /**
     * What an agent allowed to read the conversation missed after {@code afterSeq}: every entry, notes and
     * internal ones included, in order, as the events that announced them.
     */
    public List<ConversationEvent> replayForAgent(long agentId, long conversationId, long afterSeq) {
        var conversation = guard.existing(conversationId);
        guard.requireReadable(guard.activeAgent(agentId), conversation);
        return replay(conversation, afterSeq, false);
    }

    /** The same for the visitor of the conversation: public entries only. */
    public List<ConversationEvent> replayForVisitor(String visitorToken, long conversationId, long afterSeq) {
        return replay(guard.visitorsConversation(visitorToken, conversationId), afterSeq, true).stream()
                .map(ConversationEvent::asTheVisitorSeesIt).toList();
    }

    private List<ConversationEvent> replay(Conversation conversation, long afterSeq, boolean publicOnly) {
        if (afterSeq < 0) {
            throw RequestRejectedException.invalid("resume.after-seq", "afterSeq is 0 or a seq the client has.");
        }
        var entries = em.createNamedQuery(Message.AFTER_SEQ, Message.class)
                .setParameter("conversationId", conversation.getId()).setParameter("afterSeq", afterSeq)
                .getResultList();
        if (entries.isEmpty()) {
            return List.of();
        }
        var files = attachments.ofConversation(conversation.getId());
        var inboxId = conversation.getInbox().getId();
        return entries.stream().filter(m -> !publicOnly || m.getAuthorType().isPublic())
                .map(m -> MessageEvents.created(m, inboxId, files.getOrDefault(m.getSeq(), List.of())))
                .toList();
    }

    private List<Message> messages(Conversation conversation) {
        return em.createNamedQuery(Message.OF_CONVERSATION, Message.class)
                .setParameter("conversationId", conversation.getId()).getResultList();
    }
}
