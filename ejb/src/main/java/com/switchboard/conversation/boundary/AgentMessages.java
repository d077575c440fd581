package com.switchboard.conversation.boundary;

import com.switchboard.attachment.control.ReceivedFile;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.DeliveryStatuses;
import com.switchboard.conversation.control.EmailedAnswers;
import com.switchboard.conversation.control.InactivityRules;
import com.switchboard.conversation.control.MessageStore;
import com.switchboard.conversation.control.PostedMessage;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.ClientMessageId;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.DeliveryStatus;
import com.switchboard.conversation.entity.Message;
import com.switchboard.conversation.entity.MessageText;
import com.switchboard.conversation.entity.OptionMenu;
import com.switchboard.conversation.entity.Recipient;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.VisitorBlocks;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * What agents write into a conversation: public replies (optionally quoting, with files, or offering options to
 * pick from) for the holder or an admin, and private notes for anyone who may read it.
 */
@Stateless
public class AgentMessages {

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationGuard guard;

    @EJB
    MessageStore messages;

    @EJB
    InactivityRules inactivity;

    @EJB
    VisitorBlocks visitorBlocks;

    @EJB
    DeliveryStatuses deliveries;

    @EJB
    EmailedAnswers emailedAnswers;

    /**
     * An agent's public reply, optionally quoting an earlier public message. Only the agent holding the
     * conversation (or an admin) replies; a closed conversation opens again.
     */
    public PostedMessage reply(long conversationId, long agentId, String text, Long quoteSeq) {
        return reply(conversationId, agentId, text, quoteSeq, List.of());
    }

    /** The same with files; the text may then be empty. */
    public PostedMessage reply(long conversationId, long agentId, String text, Long quoteSeq,
                               List<ReceivedFile> files) {
        return reply(conversationId, agentId, text, quoteSeq, files, null);
    }

    /** The same sent once: a resend under the same {@code clientId} stores nothing and answers the original. */
    public PostedMessage reply(long conversationId, long agentId, String text, Long quoteSeq, String clientId) {
        return reply(conversationId, agentId, text, quoteSeq, List.of(), ClientMessageId.validate(clientId));
    }

    /**
     * An agent's public message offering the visitor {@code options} to pick from (an "offer" menu); the text
     * asks the question. Same rights as any reply.
     */
    public PostedMessage offerOptions(long conversationId, long agentId, String text, List<String> options) {
        var body = MessageText.validate(text);
        var menu = OptionMenu.validate(options);
        var agent = guard.activeAgent(agentId);
        var conversation = guard.locked(conversationId);
        guard.requireReplier(agent, conversation);
        MessageStore.requireNotArchived(conversation);
        messages.reopen(conversation, agent.getId());
        var message = conversation.append(AuthorType.AGENT, body, agent, null, Instant.now());
        message.offer(menu);
        inactivity.agentAnswered(conversation);
        return storePublic(conversation, message, List.of());
    }

    /** A private note: for agents only, never shown to the visitor. Writing one does not reopen anything. */
    public PostedMessage note(long conversationId, long agentId, String text) {
        return note(conversationId, agentId, text, List.of());
    }

    /** A note with files: agents only see them, like the note. */
    public PostedMessage note(long conversationId, long agentId, String text, List<ReceivedFile> files) {
        return note(conversationId, agentId, text, files, null);
    }

    /** A note sent once (see {@link #reply(long, long, String, Long, String)}). */
    public PostedMessage note(long conversationId, long agentId, String text, String clientId) {
        return note(conversationId, agentId, text, List.of(), ClientMessageId.validate(clientId));
    }

    private PostedMessage reply(long conversationId, long agentId, String text, Long quoteSeq,
                                List<ReceivedFile> files, String clientId) {
        var body = MessageStore.body(text, files);
        var agent = guard.activeAgent(agentId);
        var conversation = guard.locked(conversationId);
        guard.requireReplier(agent, conversation);
        var sentBefore = messages.sentBefore(conversation, clientId, AuthorType.AGENT);
        if (sentBefore.isPresent()) {
            return sentBefore.get();
        }
        MessageStore.requireNotArchived(conversation);
        requireQuotable(conversation, quoteSeq);
        messages.reopen(conversation, agent.getId());
        var message = conversation.append(AuthorType.AGENT, body, agent, quoteSeq, Instant.now());
        message.sentAs(clientId);
        inactivity.agentAnswered(conversation);
        var posted = storePublic(conversation, message, files);
        if (!visitorBlocks.isBlocked(conversation.getVisitor())) {
            emailedAnswers.answered(conversation, message.getShownAuthorName(), body, posted.attachments());
        }
        return posted;
    }

    private PostedMessage note(long conversationId, long agentId, String text, List<ReceivedFile> files,
                               String clientId) {
        var body = MessageStore.body(text, files);
        var agent = guard.activeAgent(agentId);
        var conversation = guard.locked(conversationId);
        guard.requireReadable(agent, conversation);
        var sentBefore = messages.sentBefore(conversation, clientId, AuthorType.NOTE);
        if (sentBefore.isPresent()) {
            return sentBefore.get();
        }
        var note = conversation.append(AuthorType.NOTE, body, agent, null, Instant.now());
        note.sentAs(clientId);
        return messages.store(conversation, note, files);
    }

    /** An agent's public message; one to a blocked visitor is kept, but marked as never delivered. */
    private PostedMessage storePublic(Conversation conversation, Message message, List<ReceivedFile> files) {
        var posted = messages.store(conversation, message, files);
        if (visitorBlocks.isBlocked(conversation.getVisitor())) {
            deliveries.advance(conversation.getId(), Recipient.VISITOR, DeliveryStatus.FAILED, posted.seq(),
                    "visitor.blocked");
        }
        return posted;
    }

    /** A quote names an earlier public message of the same conversation: quoting a note would publish it. */
    private void requireQuotable(Conversation conversation, Long quoteSeq) {
        if (quoteSeq == null) {
            return;
        }
        var quoted = em.createNamedQuery(Message.BY_SEQ, Message.class)
                .setParameter("conversationId", conversation.getId()).setParameter("seq", quoteSeq)
                .getResultStream().findFirst();
        if (quoted.isEmpty() || !quoted.get().getAuthorType().isPublic()) {
            throw RequestRejectedException.invalid("message.quote",
                    "A reply can quote an earlier public message of the same conversation only.");
        }
    }
}
