package com.switchboard.conversation.control;

import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.conversation.entity.Message;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.visitor.boundary.AgentBlocks;
import com.switchboard.visitor.boundary.AgentBlocks.AgentAndVisitor;
import com.switchboard.visitor.boundary.VisitorBlocks;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Visitors' follow-ups written in one transaction: one commit (one write to the database's log) for all of them,
 * and what each message needs read once for all: their current conversations (locked, in the order of their ids),
 * their visitors and holders, earlier sends under the same client ids, who blocked whom, the conversations'
 * participants. Then each message is stored as it is when it comes alone ({@link VisitorMessageStore}).
 *
 * <p>Returns, in order, each message as stored, or empty for one this leaves to its sender to post alone: a first
 * message (no conversation yet, or only an archived one), a blocked visitor, an inbox that takes no visitors,
 * a client id another sender used. Posted alone, such a message starts its conversation or is refused with its
 * reason; nothing here throws for one message, which would undo the others.
 */
@Stateless
public class FollowUpBatch {

    /** Each visitor's latest conversation in each inbox, with its visitor. */
    private static final String CURRENT_OF_VISITORS = "SELECT c FROM Conversation c JOIN FETCH c.visitor v "
            + "WHERE v.token IN :tokens AND c.entryInbox.id IN :inboxIds AND c.id = (SELECT MAX(o.id) "
            + "FROM Conversation o WHERE o.visitor = c.visitor AND o.entryInbox = c.entryInbox)";
    /** In the order of their ids, so that batches locking several never wait for each other in a circle. */
    private static final String BY_IDS = "SELECT c FROM Conversation c WHERE c.id IN :ids ORDER BY c.id";
    private static final String HOLDERS_OF = "SELECT a FROM Conversation c JOIN c.assignee a WHERE c.id IN :ids";

    @PersistenceContext
    EntityManager em;

    @EJB
    InboxService inboxes;

    @EJB
    VisitorBlocks visitorBlocks;

    @EJB
    AgentBlocks agentBlocks;

    @EJB
    MessageStore messages;

    @EJB
    VisitorMessageStore visitorMessages;

    @EJB
    ConversationEventPublisher events;

    private record Key(String visitorToken, long inboxId) {
    }

    private record Sent(long conversationId, String clientId) {
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Optional<PostedMessage>> store(List<FollowUp> followUps) {
        var inboxIds = new HashMap<String, Long>();
        followUps.forEach(f -> inboxIds.computeIfAbsent(f.inboxName(), this::idAcceptingVisitors));
        var conversations = lockedCurrent(followUps, inboxIds);
        var stored = new ArrayList<Optional<PostedMessage>>(followUps.size());
        if (conversations.isEmpty()) {
            followUps.forEach(f -> stored.add(Optional.empty()));
            return stored;
        }
        var ids = conversations.values().stream().map(Conversation::getId).distinct().sorted().toList();
        em.createQuery(HOLDERS_OF, Agent.class).setParameter("ids", ids).getResultList();
        var blocking = agentBlocks.blocking(conversations.values().stream().map(c -> c.getVisitor().getId())
                .distinct().toList());
        var sentBefore = sentBefore(followUps, ids);
        events.readParticipantsOf(ids);
        for (var followUp : followUps) {
            var conversation = conversations.get(new Key(followUp.visitorToken(),
                    Objects.requireNonNullElse(inboxIds.get(followUp.inboxName()), -1L)));
            stored.add(conversation == null || visitorBlocks.isBlocked(conversation.getVisitor())
                    ? Optional.empty() : store(conversation, followUp, blocking, sentBefore));
        }
        return stored;
    }

    private Optional<PostedMessage> store(Conversation conversation, FollowUp followUp, Set<AgentAndVisitor> blocking,
                                          Map<Sent, Optional<PostedMessage>> sentBefore) {
        var sent = new Sent(conversation.getId(), followUp.clientId());
        if (followUp.clientId() != null && sentBefore.containsKey(sent)) {
            return sentBefore.get(sent).map(original -> new PostedMessage(original.conversationId(),
                    original.seq(), original.at(), original.attachments(), true));
        }
        var holder = conversation.getAssignee();
        var posted = visitorMessages.store(conversation, conversation.activity().lastSeq() == 0, followUp.body(), null,
                List.of(), followUp.clientId(), holder != null && blocking.contains(
                        new AgentAndVisitor(holder.getId(), conversation.getVisitor().getId())));
        if (followUp.clientId() != null) {
            sentBefore.put(sent, Optional.of(posted));
        }
        return Optional.of(posted);
    }

    private Long idAcceptingVisitors(String inboxName) {
        return inboxes.findByName(inboxName).filter(Inbox::acceptsVisitors).map(Inbox::getId).orElse(null);
    }

    /**
     * Each visitor's current conversation in the inbox, locked: found first, then locked by primary key in the
     * order of the ids (a locking read by token would lock the visitors' rows too, which a first message locks
     * before its conversation). An archived one is left out: the next message starts a new conversation.
     */
    private Map<Key, Conversation> lockedCurrent(List<FollowUp> followUps, Map<String, Long> inboxIds) {
        var tokens = followUps.stream().map(FollowUp::visitorToken).distinct().toList();
        var acceptingInboxes = inboxIds.values().stream().filter(Objects::nonNull).distinct().toList();
        if (acceptingInboxes.isEmpty()) {
            return Map.of();
        }
        var found = new HashMap<Key, Long>();
        em.createQuery(CURRENT_OF_VISITORS, Conversation.class)
                .setParameter("tokens", tokens).setParameter("inboxIds", acceptingInboxes).getResultStream()
                .forEach(c -> found.put(new Key(c.getVisitor().getToken(), c.getEntryInbox().getId()), c.getId()));
        if (found.isEmpty()) {
            return Map.of();
        }
        var locked = new HashMap<Long, Conversation>();
        em.createQuery(BY_IDS, Conversation.class)
                .setParameter("ids", found.values().stream().distinct().sorted().toList())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream()
                .filter(c -> c.getStatus() != ConversationStatus.ARCHIVED).forEach(c -> locked.put(c.getId(), c));
        var current = new HashMap<Key, Conversation>();
        found.forEach((key, id) -> {
            if (locked.containsKey(id)) {
                current.put(key, locked.get(id));
            }
        });
        return current;
    }

    /**
     * Messages stored before under the follow-ups' client ids, as their senders learn them again; one of another
     * sender (an agent used the id) is left out of the batch, and its sender is refused alone.
     */
    private Map<Sent, Optional<PostedMessage>> sentBefore(List<FollowUp> followUps, List<Long> conversationIds) {
        var clientIds = followUps.stream().map(FollowUp::clientId).filter(Objects::nonNull).distinct().toList();
        var sent = new HashMap<Sent, Optional<PostedMessage>>();
        if (clientIds.isEmpty()) {
            return sent;
        }
        em.createNamedQuery(Message.BY_CLIENT_IDS, Message.class).setParameter("conversationIds", conversationIds)
                .setParameter("clientIds", clientIds).getResultStream().forEach(m -> {
                    var conversationId = m.getConversation().getId();
                    sent.put(new Sent(conversationId, m.getClientId()), m.getAuthorType() == AuthorType.VISITOR
                            ? messages.sentBefore(m.getConversation(), m.getClientId(), AuthorType.VISITOR)
                            : Optional.empty());
                });
        return sent;
    }
}
