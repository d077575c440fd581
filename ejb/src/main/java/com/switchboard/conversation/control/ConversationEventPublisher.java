package com.switchboard.conversation.control;

import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationParticipant;
import com.switchboard.platform.control.EventTopic;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;

/**
 * Conversation events onto the {@link EventTopic}, in the caller's transaction: they leave only on commit, with
 * the {@link Audience} that may receive them. Each is also fired as a CDI event in that transaction, for observers
 * outside the consoles' path (the outbound topic).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ConversationEventPublisher {

    @EJB
    EventTopic topic;

    @Inject
    Event<ConversationEvent> fired;

    @PersistenceContext
    EntityManager em;

    public void publish(ConversationEvent event) {
        topic.publish(event.type(), event.to(audience(event.conversationId())).toJson());
        fired.fire(event);
    }

    public void publish(MessageStatusEvent event) {
        topic.publish(event.type(), event.to(audience(event.conversationId())).toJson());
    }

    /**
     * A passing signal about the conversation (typing, an agent's draft or read position) for the same audience
     * as its events; sent in the caller's transaction like every event.
     */
    public void publishSignal(String type, long conversationId, JsonObjectBuilder body) {
        var json = body.add("type", type).add("conversationId", conversationId)
                .add("inboxId", em.find(Conversation.class, conversationId).getInbox().getId());
        audience(conversationId).addTo(json);
        topic.publish(type, json.build());
    }

    /** Read in the publishing transaction, under the conversation's lock: as it stands when the event commits. */
    private Audience audience(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId);
        var assignee = conversation.getAssignee();
        var participants = em.createNamedQuery(ConversationParticipant.AGENT_IDS_OF_CONVERSATION, Long.class)
                .setParameter("conversationId", conversationId).getResultList();
        return new Audience(conversation.getVisitor().getId(), assignee == null ? null : assignee.getId(),
                Set.copyOf(participants));
    }
}
