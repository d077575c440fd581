package com.switchboard.integration.control;

import com.switchboard.conversation.boundary.VisitorFollowUps;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.integration.entity.HandledInbound;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Where an inbound message is handled. A known customer's message for their current conversation joins the widget
 * visitors' follow-ups ({@link VisitorFollowUps}): many to a transaction, recorded as handled in it, its sender
 * (the consumer, which acknowledges the message afterwards) answered once it committed. Under a burst a message
 * then costs a share of a commit and of the reads, instead of a transaction of its own. Everything else (a new
 * customer or new details of theirs, a first message, a system message, a close) and whatever the batch leaves is
 * handled alone by {@link InboundMessages}, which refuses it with its reason where it must.
 *
 * <p>The consumer has more sessions than are handled alone at once ({@link #ALONE_AT_ONCE}): a batch fills only with
 * as many messages as wait for it, while each one handled alone holds a pooled connection for its transaction,
 * and a burst of new customers must leave the pool to routing and the running chats. The others wait their turn.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboundIntake {

    /** As many as the widget's first messages ({@code FirstMessageAdmission}'s default). */
    static final int ALONE_AT_ONCE = 8;

    private final Semaphore aloneTurns = new Semaphore(ALONE_AT_ONCE);

    @PersistenceContext
    EntityManager em;

    @EJB
    InboundMessages alone;

    @EJB
    VisitorFollowUps followUps;

    @EJB
    VisitorService visitors;

    /** As {@link InboundMessages#handle(String, String, String)}. */
    public boolean handle(String body, String duplicateId, String sender) {
        var message = InboundMessage.parse(body, duplicateId);
        if (message.type() == InboundType.VISITOR_MESSAGE) {
            var followUp = asFollowUp(message, sender);
            if (followUp.isPresent()) {
                return followUp.get();
            }
        }
        try {
            aloneTurns.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Stopped while an inbound message waited for its turn", e);
        }
        try {
            return alone.handle(message, sender);
        } finally {
            aloneTurns.release();
        }
    }

    /** Handled with the follow-ups: whether it was new; empty when it is to be handled alone. */
    private Optional<Boolean> asFollowUp(InboundMessage message, String sender) {
        // Checked before the batch too, where a redelivery would wait for its key's lock and hold up the others.
        if (em.find(HandledInbound.class, message.externalId()) != null) {
            return Optional.of(false);
        }
        var source = message.visitor();
        var token = visitors.tokenIfSourceDescribes(source.externalId(), source.name(), source.email(), sender);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return followUps.postIfBatched(message.inbox(), token.get(), message.text(),
                    (conversationId, store) -> alone.storedWith(message, conversationId, store)).map(stored -> true);
        } catch (RequestRejectedException e) {
            if (e.kind() == RequestRejectedException.Kind.UNAVAILABLE) {
                // Not heard of in time; it may still commit. Delivered again, its key tells.
                throw new IllegalStateException("An inbound message was not stored in time", e);
            }
            throw e;
        }
    }
}
