package com.switchboard.conversation.control;

import com.switchboard.agent.control.AgentFreed;
import com.switchboard.attachment.control.ReceivedFile;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * A visitor's message written into their conversation, which comes locked, whether it came alone or with others
 * (the follow-ups' group commit): it reopens a closed conversation and may make it wait for an agent (it is new,
 * nobody holds it, or its holder blocked this visitor); then routing is asked to find one once this commits.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class VisitorMessageStore {

    @EJB
    MessageStore messages;

    @EJB
    ConversationEventPublisher events;

    @Inject
    Event<ConversationWaiting> waiting;

    @Inject
    Event<AgentFreed> agentFreed;

    /**
     * @param isNew                  the conversation was started for this message
     * @param holderBlockedVisitor   its holder (if any) blocked this visitor: the caller looked
     */
    public PostedMessage store(Conversation conversation, boolean isNew, String body, Long quoteSeq,
                               List<ReceivedFile> files, String clientId, boolean holderBlockedVisitor) {
        var waitedBefore = conversation.getStatus() == ConversationStatus.WAITING;
        messages.reopen(conversation, null);
        if (holderBlockedVisitor) {
            release(conversation);
        }
        var message = conversation.append(AuthorType.VISITOR, body, null, quoteSeq, Instant.now());
        message.sentAs(clientId);
        var posted = messages.store(conversation, message, files);
        if (conversation.getStatus() == ConversationStatus.WAITING && (isNew || !waitedBefore)) {
            waiting.fire(new ConversationWaiting(conversation.getId()));
        }
        return posted;
    }

    /** A visitor the holding agent blocked may not message them: the conversation goes back to waiting. */
    private void release(Conversation conversation) {
        var assignee = conversation.getAssignee();
        var held = conversation.getStatus() == ConversationStatus.ASSIGNED;
        conversation.release(Instant.now());
        if (held) {
            agentFreed.fire(new AgentFreed(assignee.getId()));
        }
        events.holderChanged(conversation.getId());
    }
}
