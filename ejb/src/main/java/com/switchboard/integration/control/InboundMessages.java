package com.switchboard.integration.control;

import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.entity.Channel;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.integration.entity.HandledInbound;
import com.switchboard.persistence.control.CheckedFlush;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Does what one inbound message asks, in a transaction of its own: a refused message (a
 * {@link RequestRejectedException}) stores nothing, while the consumer's own transaction (the message's
 * acknowledgement) survives to dead-letter it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class InboundMessages {

    /** The code of a message whose externalId was handled already (by another delivery at the same moment). */
    public static final String DUPLICATE = "inbound.duplicate";

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    VisitorService visitors;

    @EJB
    InboxService inboxes;

    @EJB
    InboundCorrelation correlation;

    /**
     * Does what the message asks, once; a body without its externalId takes {@code duplicateId} (the broker's
     * {@code _AMQ_DUPL_ID} header, may be null) instead. {@code sender} is the broker user that sent it (may be
     * null): the legacy system a new customer is recorded as coming from.
     *
     * @return false when a message with the same externalId was handled before: nothing happens again.
     */
    public boolean handle(String body, String duplicateId, String sender) {
        var message = InboundMessage.parse(body, duplicateId);
        if (em.find(HandledInbound.class, message.externalId()) != null) {
            return false;
        }
        var handled = new HandledInbound(message.externalId(), message.type().wireName(), Instant.now());
        // The outbound events of this transaction name the inbound message that caused them.
        correlation.handling(message.externalId());
        handled.concerns(switch (message.type()) {
            case VISITOR_MESSAGE -> postVisitorMessage(message, sender);
            case SYSTEM_MESSAGE -> lifecycle.postSystemMessage(conversationOf(message), message.text()).conversationId();
            case CONVERSATION_CLOSE -> {
                var conversationId = conversationOf(message);
                lifecycle.closeBySystem(conversationId);
                yield conversationId;
            }
        });
        // Recorded with the work, in its transaction: a concurrent delivery of the same id does the same work,
        // then fails on this key (after waiting for the first one's commit) and rolls all of it back.
        em.persist(handled);
        CheckedFlush.flush(em, () -> RequestRejectedException.conflict(DUPLICATE,
                "A message with externalId " + message.externalId() + " was handled already."));
        return true;
    }

    private long postVisitorMessage(InboundMessage message, String sender) {
        var source = message.visitor();
        var visitor = visitors.ofSource(source.externalId(), source.name(), source.email(), sender);
        return visitorMessages.post(message.inbox(), visitor, message.text(), Channel.JMS).conversationId();
    }

    private long conversationOf(InboundMessage message) {
        if (message.conversationId() != null) {
            return message.conversationId();
        }
        var inbox = inboxes.findByName(message.inbox()).orElseThrow(() -> RequestRejectedException.notFound(
                "inbox.unknown", "There is no inbox '" + message.inbox() + "'."));
        var visitor = visitors.findBySource(message.visitor().externalId()).orElseThrow(() ->
                RequestRejectedException.notFound("inbound.visitor-unknown",
                        "No visitor has externalId " + message.visitor().externalId() + "."));
        return visitorMessages.currentConversationId(visitor.getId(), inbox.getId()).orElseThrow(() ->
                RequestRejectedException.notFound("conversation.unknown", "Visitor "
                        + message.visitor().externalId() + " has no conversation in inbox " + message.inbox() + "."));
    }
}
