package com.switchboard.integration.control;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.control.ConversationArchived;
import com.switchboard.conversation.control.ConversationClosed;
import com.switchboard.conversation.control.ConversationHandedOn;
import com.switchboard.conversation.control.ConversationOpened;
import com.switchboard.conversation.control.ConversationWaiting;
import com.switchboard.conversation.control.MessageCreated;
import com.switchboard.conversation.control.StartedHere;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.EndedBy;
import com.switchboard.conversation.entity.NameTheVisitorSees;
import com.switchboard.integration.entity.OutboundEvent;
import com.switchboard.messaging.events.ConversationEvent;
import com.switchboard.rating.control.ConversationRated;
import com.switchboard.routing.control.RoutingEvent;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The one publisher of the outbound topic (docs/JMS-CONTRACT.md): turns the capabilities' CDI events into the
 * legacy systems' JSON events. Observes them inside the transaction that fired them (MANDATORY) and puts them in
 * the {@link OutboundOutbox} in it too, so an event leaves only if its change commits, and is not lost after.
 * Each event gets its conversation's next number under the lock of the conversation's row: numbers follow the
 * commit order, without gaps, so a subscriber can order a conversation's events and tell when one is missing.
 * Private notes and internal entries never leave. A CDI bean, as every observer of those events is
 * (docs/design/events-and-transactions.md says why).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class OutboundEvents {

    public static final String CREATED = "conversation.created";
    public static final String QUEUED = "conversation.queued";
    public static final String CLOSED = "conversation.closed";
    public static final String ARCHIVED = "conversation.archived";

    @PersistenceContext
    EntityManager em;

    @EJB
    OutboundOutbox outbox;

    @EJB
    InboundCorrelation inbound;

    @Inject
    StartedHere startedHere;

    public void opened(@Observes ConversationOpened event) {
        var conversation = em.find(Conversation.class, event.conversationId());
        inbound.current().ifPresent(conversation.outbound()::openedBy);
        var visitor = conversation.getVisitor();
        var json = JSON.createObjectBuilder().add("channel", conversation.getChannel().name());
        if (visitor.getSourceExternalId() != null) {
            json.add("visitorExternalId", visitor.getSourceExternalId());
        }
        send(CREATED, conversation, event.inboxId(), json);
    }

    public void waiting(@Observes ConversationWaiting event) {
        var conversation = em.find(Conversation.class, event.conversationId());
        publish(QUEUED, event.conversationId(), conversation.getInbox().getId(), JSON.createObjectBuilder());
    }

    public void closed(@Observes ConversationClosed event) {
        publish(CLOSED, event.conversationId(), event.inboxId(), JSON.createObjectBuilder()
                .add("closedBy", endedBy(event.by(), event.conversationId())));
    }

    public void archived(@Observes ConversationArchived event) {
        publish(ARCHIVED, event.conversationId(), event.inboxId(), JSON.createObjectBuilder()
                .add("archivedBy", endedBy(event.by(), event.conversationId())));
    }

    /**
     * {@code {"kind": "AGENT", "agentId": 7, "agentName": "Anna"}}; an agent (or admin) by the name the visitor
     * sees, as in every event of the contract; only {@code kind} for the visitor, inactivity and a legacy system.
     */
    private JsonObjectBuilder endedBy(EndedBy by, long conversationId) {
        var json = JSON.createObjectBuilder().add("kind", by.kind().name());
        return by.agentId() == null ? json : withAgentName(json.add("agentId", by.agentId()), conversationId,
                by.agentId());
    }

    /** Handed on directly, without an offer: to a legacy system the same news as routing's assignment. */
    public void handedOn(@Observes ConversationHandedOn event) {
        publish(RoutingEvent.ASSIGNED, event.conversationId(), event.inboxId(),
                withAgentName(JSON.createObjectBuilder().add("agentId", event.agentId()), event.conversationId(),
                        event.agentId()));
    }

    public void message(@Observes MessageCreated created) {
        var event = created.event();
        if (!ConversationEvent.MESSAGE_CREATED.equals(event.type())
                || !event.isPublic()) {
            return;
        }
        var options = JSON.createArrayBuilder();
        event.options().forEach(options::add);
        var files = JSON.createArrayBuilder();
        event.attachments().forEach(file -> files.add(JSON.createObjectBuilder().add("name", file.name())
                .add("mediaType", file.mediaType()).add("size", file.size())));
        var json = JSON.createObjectBuilder()
                .add("messageSeq", event.seq()).add("author", event.author()).add("text", event.text())
                .add("sentAt", event.at().toString()).add("options", options).add("attachments", files);
        if (event.agentId() != null) {
            json.add("agentId", event.agentId()).add("agentName", event.visitorAgentName());
        }
        publish(event.type(), event.conversationId(), event.inboxId(), json);
    }

    /** The visitor's satisfaction rating, comment included; the agent is who held the chat (null: nobody). */
    public void rated(@Observes ConversationRated event) {
        var json = JSON.createObjectBuilder().add("scale", event.scale().name()).add("score", event.score())
                .add("satisfied", event.satisfied());
        if (event.agentId() != null) {
            json.add("agentId", event.agentId());
        } else {
            json.addNull("agentId");
        }
        if (event.comment() != null) {
            json.add("comment", event.comment());
        } else {
            json.addNull("comment");
        }
        publish(ConversationRated.TYPE, event.conversationId(), event.inboxId(), json);
    }

    public void routed(@Observes RoutingEvent event) {
        var json = JSON.createObjectBuilder();
        switch (event.type()) {
            case RoutingEvent.OFFER_CREATED -> json.add("offerId", event.offerId()).add("agentId", event.agentId())
                    .add("deadline", event.deadline().toString());
            case RoutingEvent.ASSIGNED, RoutingEvent.TRANSFERRED -> {
                if (event.agentId() != null) {
                    withAgentName(json.add("agentId", event.agentId()), event.conversationId(), event.agentId());
                } else {
                    json.addNull("agentId");
                }
            }
            default -> {
                return; // the consoles' own news (broadcasts, withdrawn offers) are not part of the contract
            }
        }
        publish(event.type(), event.conversationId(), event.inboxId(), json);
    }

    /** What the legacy system passes on to the visitor must be what the visitor sees (NameTheVisitorSees). */
    private JsonObjectBuilder withAgentName(JsonObjectBuilder json, long conversationId, long agentId) {
        var agent = em.find(Agent.class, agentId);
        return agent == null ? json
                : json.add("agentName", NameTheVisitorSees.of(em.find(Conversation.class, conversationId).getInbox(),
                        agent));
    }

    private void publish(String type, long conversationId, long inboxId, JsonObjectBuilder json) {
        send(type, locked(conversationId), inboxId, json);
    }

    /**
     * The conversation with its row lock, which numbers its events. Whoever raised the event holds it already, as
     * a rule, or this transaction started it (then this costs no statement); otherwise the transaction's changes
     * are written first, since taking the lock rereads the row.
     */
    private Conversation locked(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId);
        if (em.getLockMode(conversation) != LockModeType.PESSIMISTIC_WRITE
                && !startedHere.includes(conversationId)) {
            em.flush();
            em.lock(conversation, LockModeType.PESSIMISTIC_WRITE);
        }
        return conversation;
    }

    private void send(String type, Conversation conversation, long inboxId, JsonObjectBuilder json) {
        var seq = conversation.outbound().next();
        var externalId = inbound.current();
        json.add("type", type).add("conversationId", conversation.getId()).add("seq", seq).add("inboxId", inboxId)
                .add("at", Instant.now().toString());
        externalId.ifPresent(id -> json.add("externalId", id));
        conversation.outbound().getOpenedBy().ifPresent(openedBy -> json.add("conversationExternalId", openedBy));
        outbox.add(new OutboundEvent(conversation.getId(), seq, type, inboxId, externalId.orElse(null),
                json.build().toString(), Instant.now()));
    }
}
