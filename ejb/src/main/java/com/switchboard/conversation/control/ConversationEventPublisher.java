package com.switchboard.conversation.control;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationParticipant;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.conversation.entity.EndedBy;
import com.switchboard.conversation.entity.NameTheVisitorSees;
import com.switchboard.messaging.events.Audience;
import com.switchboard.messaging.events.ConversationEvent;
import com.switchboard.messaging.events.ConversationSignal;
import com.switchboard.messaging.events.EventTopic;
import com.switchboard.messaging.events.MessageStatusEvent;
import com.switchboard.messaging.events.VisitorNotice;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Conversation events onto the {@link EventTopic}, in the caller's transaction: they leave only on commit, with
 * the {@link Audience} that may receive them. A new message is also told in that transaction to its observers
 * outside the consoles' path (the outbound topic), as {@link MessageCreated}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ConversationEventPublisher {

    private static final Object PARTICIPANTS = ConversationEventPublisher.class.getName() + ".participants";

    @EJB
    EventTopic topic;

    @Inject
    Event<MessageCreated> fired;

    @PersistenceContext
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Inject
    StartedHere startedHere;

    public void publish(ConversationEvent event) {
        // Observers first: what they change of the conversation (the outbound count) is then written with the rest
        // when the audience's query flushes, in one UPDATE of its row.
        fired.fire(new MessageCreated(event));
        topic.publish(event.to(audience(event.conversationId())));
    }

    public void publish(MessageStatusEvent event) {
        topic.publish(event.to(audience(event.conversationId())));
    }

    /**
     * A passing signal about the conversation (typing, an agent's draft or read position) for the same audience
     * as its events; sent in the caller's transaction like every event.
     */
    public void publishSignal(String type, long conversationId, JsonObjectBuilder body) {
        topic.publish(ConversationSignal.of(type, conversationId,
                em.find(Conversation.class, conversationId).getInbox().getId(), body, audience(conversationId)));
    }

    /**
     * Someone else holds the conversation now, or nobody does: its visitor hears who they are talking to. Nothing
     * for a conversation that ended (a closed one handed on stays closed).
     */
    public void holderChanged(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId);
        if (conversation.getStatus() == ConversationStatus.CLOSED
                || conversation.getStatus() == ConversationStatus.ARCHIVED) {
            return;
        }
        var holder = conversation.getAssignee();
        publish(new VisitorNotice(holder == null ? VisitorNotice.AGENT_LEFT : VisitorNotice.AGENT_JOINED,
                conversationId, conversation.getInbox().getId(), NameTheVisitorSees.of(conversation.getInbox(), holder),
                audience(conversationId)));
    }

    /** The conversation ended (whoever ended it): its visitor's widget says so, the consoles' lists follow. */
    public void closed(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId);
        publish(new VisitorNotice(VisitorNotice.CLOSED, conversationId, conversation.getInbox().getId(), null,
                audience(conversationId)));
        statusChanged(conversation, false, null);
    }

    /**
     * A closed conversation opened again: a message of the visitor, or of the agent {@code byAgentId}. Its
     * holder's console raises an alert unless they reopened it themselves.
     */
    public void reopened(long conversationId, Long byAgentId) {
        statusChanged(em.find(Conversation.class, conversationId), true, byAgentId);
    }

    /** The reply deadline passed: the holder and the overseers are alerted, every list marks it. */
    public void overdue(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId);
        var body = JSON.createObjectBuilder().add("replyDeadline", conversation.getReply().deadline().toString());
        holder(body, conversation);
        publishSignal(ConversationSignal.OVERDUE, conversationId, body);
    }

    /**
     * A signal for the lists (not an entry of the conversation: nothing to resume). {@code holderId} is
     * the frame's own copy of the holder: the audience's fields never reach the clients.
     */
    private void statusChanged(Conversation conversation, boolean reopened, Long byAgentId) {
        var body = JSON.createObjectBuilder().add("status", conversation.getStatus().name()).add("reopened", reopened);
        holder(body, conversation);
        var endings = conversation.ended();
        if (endings.closedAt() != null && endings.closedBy() != null) {
            body.add("closed", ended(endings.closedAt(), endings.closedBy()));
        }
        if (endings.archivedAt() != null && endings.archivedBy() != null) {
            body.add("archived", ended(endings.archivedAt(), endings.archivedBy()));
        }
        if (byAgentId != null) {
            body.add("byAgentId", byAgentId);
        }
        publishSignal(ConversationSignal.STATUS, conversation.getId(), body);
    }

    /** {@code {"at", "by": {"kind", "agentId", "name"}}}: the list's form (docs/API.md), agents by their own names. */
    private static JsonObjectBuilder ended(Instant at, EndedBy by) {
        var who = JSON.createObjectBuilder().add("kind", by.kind().name());
        if (by.agentId() != null) {
            who.add("agentId", by.agentId()).add("name", by.name());
        }
        return JSON.createObjectBuilder().add("at", at.toString()).add("by", who);
    }

    private static void holder(JsonObjectBuilder body, Conversation conversation) {
        if (conversation.getAssignee() != null) {
            body.add("holderId", conversation.getAssignee().getId());
        }
    }

    /**
     * The conversation was archived: its visitor's widget says so, and knows that their next message starts a new
     * conversation (with seqs from 1 again).
     */
    public void archived(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId);
        publish(new VisitorNotice(VisitorNotice.ARCHIVED, conversationId, conversation.getInbox().getId(), null,
                audience(conversationId)));
        statusChanged(conversation, false, null);
    }

    /**
     * The conversation is being deleted, in the deleting transaction before its rows go (so its audience can still
     * be read): its visitor's widget and the consoles that may read it hear of it once that commits.
     */
    public void deleted(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId);
        publish(new VisitorNotice(VisitorNotice.DELETED, conversationId, conversation.getInbox().getId(), null,
                audience(conversationId)));
        publishSignal(ConversationSignal.DELETED, conversationId, JSON.createObjectBuilder());
    }

    /**
     * The participant {@code agentId} left the conversation ({@code askedOut}: someone else removed them): their
     * own consoles hear it, since the conversation's events no longer reach them ({@code mayRead}: unless they may
     * read it anyway, as a supervisor or a member of its inbox while nobody holds it).
     */
    public void left(long conversationId, long agentId, boolean askedOut, boolean mayRead) {
        publishSignal(ConversationSignal.LEFT, conversationId, JSON.createObjectBuilder().add("agentId", agentId)
                .add("askedOut", askedOut).add("mayRead", mayRead));
    }

    /**
     * The holder {@code agentId} lost the conversation because {@code by} (an admin) handed it on to {@code to}, an
     * agent or an inbox: their own consoles hear it, as a colleague asked out does ({@code mayRead}: they may still
     * read it once it has its new holder, as a supervisor or an admin).
     */
    public void handedOn(long conversationId, long agentId, String by, String to, boolean mayRead) {
        publishSignal(ConversationSignal.LEFT, conversationId, JSON.createObjectBuilder().add("agentId", agentId)
                .add("askedOut", true).add("mayRead", mayRead).add("handedOnBy", by).add("handedTo", to));
    }

    /**
     * A colleague invited in, who had written to the visitor as {@code shownName}, left the conversation or was
     * asked out: the visitor hears it, as they heard them join. Nothing for a conversation that ended.
     */
    public void participantLeft(long conversationId, String shownName) {
        var conversation = em.find(Conversation.class, conversationId);
        if (conversation.getStatus() == ConversationStatus.CLOSED
                || conversation.getStatus() == ConversationStatus.ARCHIVED) {
            return;
        }
        publish(new VisitorNotice(VisitorNotice.PARTICIPANT_LEFT, conversationId, conversation.getInbox().getId(),
                shownName, audience(conversationId)));
    }

    private void publish(VisitorNotice notice) {
        topic.publish(notice);
    }

    /**
     * The invited participants of these conversations, read at once for the events that a transaction of many
     * messages will publish (the follow-ups' group commit); their caller holds the conversations' locks and changes
     * no participant after.
     */
    public void readParticipantsOf(Collection<Long> conversationIds) {
        var participants = new HashMap<Long, Set<Long>>();
        conversationIds.forEach(id -> participants.put(id, new HashSet<>()));
        em.createNamedQuery(ConversationParticipant.AGENT_IDS_OF_CONVERSATIONS, Object[].class)
                .setParameter("ids", conversationIds).getResultStream()
                .forEach(row -> participants.get((Long) row[0]).add((Long) row[1]));
        transaction.putResource(PARTICIPANTS, participants);
    }

    /** Read in the publishing transaction, under the conversation's lock: as it stands when the event commits. */
    private Audience audience(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId);
        var assignee = conversation.getAssignee();
        return new Audience(conversation.getVisitor().getId(), assignee == null ? null : assignee.getId(),
                participants(conversationId));
    }

    @SuppressWarnings("unchecked")
    private Set<Long> participants(long conversationId) {
        if (startedHere.includes(conversationId)) {
            return Set.of();
        }
        var readBefore = (Map<Long, Set<Long>>) transaction.getResource(PARTICIPANTS);
        if (readBefore != null && readBefore.containsKey(conversationId)) {
            return Set.copyOf(readBefore.get(conversationId));
        }
        return Set.copyOf(em.createNamedQuery(ConversationParticipant.AGENT_IDS_OF_CONVERSATION, Long.class)
                .setParameter("conversationId", conversationId).getResultList());
    }
}
