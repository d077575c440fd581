package com.switchboard.conversation.boundary;

import com.switchboard.attachment.control.ReceivedFile;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.ConversationOpened;
import com.switchboard.conversation.control.MessageStore;
import com.switchboard.conversation.control.PostedMessage;
import com.switchboard.conversation.control.StartedHere;
import com.switchboard.conversation.control.VisitorMessageStore;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.Channel;
import com.switchboard.conversation.entity.ClientMessageId;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.conversation.entity.Message;
import com.switchboard.conversation.entity.NameTheVisitorSees;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.input.AddressRates;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.mail.boundary.MailOutbox;
import com.switchboard.visitor.boundary.AgentBlocks;
import com.switchboard.visitor.boundary.VisitorBlocks;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.entity.Visitor;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The visitor's messages, from the widget, a legacy system or an option they pick: stored in their conversation of
 * the inbox (reopening it if it was closed, starting one if there is none or it was archived) with the
 * conversation's next sequence number, and published once the transaction commits.
 */
@Stateless
public class VisitorMessages {

    private static final LongConsumer NO_ONE = visitorId -> {
    };

    @PersistenceContext
    EntityManager em;

    @EJB
    InboxService inboxes;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationGuard guard;

    @EJB
    MessageStore messages;

    @EJB
    VisitorMessageStore visitorMessages;

    @EJB
    VisitorBlocks visitorBlocks;

    @EJB
    AgentBlocks agentBlocks;

    @EJB
    MailOutbox mail;

    @Inject
    StartedHere startedHere;

    @Inject
    AddressRates addressRates;

    @Inject
    Event<ConversationOpened> opened;

    public PostedMessage post(String inboxName, String visitorToken, String text) {
        return post(inboxName, visitorToken, text, (String) null);
    }

    /**
     * The same, sent once: a message the visitor sent before under the same {@code clientId} (a resend after a
     * reconnect) is answered as it was stored then, and nothing new is stored.
     */
    public PostedMessage post(String inboxName, String visitorToken, String text, String clientId) {
        return postByToken(inboxName, visitorToken, text, Channel.WIDGET, List.of(),
                ClientMessageId.validate(clientId), null, NO_ONE);
    }

    /**
     * The same from a socket whose visitor had no row when it opened: this may be their first act, which makes
     * the row where they are ({@code firstSeen}). {@code known} learns the visitor's id in the transaction, before
     * anything is published: a socket registered for it then misses no event of the conversation this may start.
     */
    public PostedMessage postFirst(String inboxName, String visitorToken, String text, String clientId,
                                   VisitorContext firstSeen, LongConsumer known) {
        return postByToken(inboxName, visitorToken, text, Channel.WIDGET, List.of(),
                ClientMessageId.validate(clientId), firstSeen, known);
    }

    /** The same through another channel; a conversation keeps the channel it started on. */
    public PostedMessage post(String inboxName, String visitorToken, String text, Channel channel) {
        return post(inboxName, visitorToken, text, channel, List.of());
    }

    /**
     * The same with files (received by {@code ConversationFiles}), which are kept only if the message is: then
     * the text may be empty.
     */
    public PostedMessage post(String inboxName, String visitorToken, String text, Channel channel,
                              List<ReceivedFile> files) {
        return post(inboxName, visitorToken, text, channel, files, null);
    }

    /** The same, maybe as the visitor's first act, which makes their row where they are ({@code firstSeen}). */
    public PostedMessage post(String inboxName, String visitorToken, String text, Channel channel,
                              List<ReceivedFile> files, VisitorContext firstSeen) {
        return postByToken(inboxName, visitorToken, text, channel, files, null, firstSeen, NO_ONE);
    }

    /** The same for a visitor the caller found in this transaction (a legacy system's customer, by their id). */
    public PostedMessage post(String inboxName, Visitor visitor, String text, Channel channel) {
        // Written first: the lock rereads the row, which would undo the caller's changes not yet written.
        em.flush();
        em.lock(visitor, LockModeType.PESSIMISTIC_WRITE);
        var body = MessageStore.body(text, List.of());
        var inbox = inboxes.acceptingVisitors(inboxName);
        return postAsLockedVisitor(inbox, visitor, channel, body, List.of(), null);
    }

    /**
     * The visitor picks option {@code option} (0-based) of the menu in message {@code seq}: the pick is recorded
     * on that message, once, and posted as the visitor's answer so the conversation reads naturally.
     */
    public PostedMessage pickOption(String visitorToken, long conversationId, long seq, int option) {
        var conversation = guard.visitorsConversation(visitorToken, conversationId);
        em.refresh(conversation, LockModeType.PESSIMISTIC_WRITE);
        MessageStore.requireNotArchived(conversation);
        var menu = em.createNamedQuery(Message.BY_SEQ, Message.class)
                .setParameter("conversationId", conversationId).setParameter("seq", seq)
                .getResultStream().filter(m -> m.getAuthorType().isPublic()).findFirst()
                .orElseThrow(() -> RequestRejectedException.notFound("message.unknown",
                        "There is no message " + seq + " in this conversation."));
        var label = menu.pick(option, Instant.now());
        return store(conversation, false, label, seq, List.of(), null);
    }

    /**
     * The visitor's current (not archived) conversation of the inbox, for messages that name it by visitor and
     * inbox instead of by id.
     */
    public Optional<Long> currentConversationId(long visitorId, long inboxId) {
        return em.createNamedQuery(Conversation.LATEST_OF_VISITOR_IN_INBOX, Conversation.class)
                .setParameter("visitorId", visitorId).setParameter("inboxId", inboxId)
                .setMaxResults(1).getResultStream()
                .filter(VisitorMessages::notArchived).map(Conversation::getId).findFirst();
    }

    /** Where the visitor's current conversation in the inbox stands, for a widget that reconnects. */
    public Optional<ConversationPosition> currentPosition(String inboxName, String visitorToken) {
        var visitor = visitors.requireByToken(visitorToken);
        var inbox = inboxes.acceptingVisitors(inboxName);
        return currentConversationId(visitor.getId(), inbox.getId()).map(id -> em.find(Conversation.class, id))
                .map(c -> new ConversationPosition(c.getId(), c.getStatus(),
                        c.activity().lastMessageSeq() == null ? 0 : c.activity().lastMessageSeq(),
                        NameTheVisitorSees.of(c.getInbox(), c.getAssignee())));
    }

    /**
     * A message from the visitor holding {@code token}. A follow-up finds the visitor's current conversation and
     * the visitor with one read, then locks the conversation. A first message (or one after an archive) locks the
     * visitor alone and looks again under that lock: the visitor's row lock serialises their concurrent first
     * messages, so exactly one starts a conversation.
     */
    private PostedMessage postByToken(String inboxName, String token, String text, Channel channel,
                                      List<ReceivedFile> files, String clientId, VisitorContext firstSeen,
                                      LongConsumer known) {
        var body = MessageStore.body(text, files);
        var inbox = inboxes.acceptingVisitors(inboxName);
        var current = latestLockedWithVisitor(inbox, token).filter(VisitorMessages::notArchived);
        if (current.isPresent()) {
            visitorBlocks.requireNotBlocked(current.get().getVisitor());
            known.accept(current.get().getVisitor().getId());
            return postInto(current.get(), body, files, clientId);
        }
        var visitor = visitors.requireLockedByToken(token, firstSeen);
        known.accept(visitor.getId());
        return postAsLockedVisitor(inbox, visitor, channel, body, files, clientId);
    }

    /** The visitor comes locked; their current conversation is found (or started) under that lock. */
    private PostedMessage postAsLockedVisitor(Inbox inbox, Visitor lockedVisitor, Channel channel, String body,
                                              List<ReceivedFile> files, String clientId) {
        visitorBlocks.requireNotBlocked(lockedVisitor);
        return postInto(currentOrNew(inbox, lockedVisitor, channel), body, files, clientId);
    }

    /** Into the visitor's current conversation, which comes locked. */
    private PostedMessage postInto(Conversation conversation, String body, List<ReceivedFile> files,
                                   String clientId) {
        var sentBefore = messages.sentBefore(conversation, clientId, AuthorType.VISITOR);
        if (sentBefore.isPresent()) {
            return sentBefore.get();
        }
        return store(conversation, conversation.activity().lastSeq() == 0, body, null, files, clientId);
    }

    private PostedMessage store(Conversation conversation, boolean isNew, String body, Long quoteSeq,
                                List<ReceivedFile> files, String clientId) {
        var holder = conversation.getAssignee();
        return visitorMessages.store(conversation, isNew, body, quoteSeq, files, clientId,
                holder != null && agentBlocks.hasBlockedVisitor(holder.getId(), conversation.getVisitor().getId()));
    }

    /**
     * The visitor's latest conversation in the inbox, locked, unless it is archived; a new one otherwise. The
     * conversation's row lock makes sequence numbers gap-free and unique whoever writes (visitor, agents).
     */
    private Conversation currentOrNew(Inbox inbox, Visitor visitor, Channel channel) {
        return em.createNamedQuery(Conversation.LATEST_OF_VISITOR_IN_INBOX, Conversation.class)
                .setParameter("visitorId", visitor.getId())
                .setParameter("inboxId", inbox.getId())
                .setMaxResults(1)
                .getResultStream()
                .map(this::lockedByItsKey)
                .filter(VisitorMessages::notArchived)
                .findFirst()
                .orElseGet(() -> {
                    addressRates.admit(AddressRates.Start.NEW_CONVERSATION, visitor.getIpAddress());
                    var started = new Conversation(inbox, visitor, channel, Instant.now());
                    // Read before anything is written, which a query after the writes would flush first.
                    boolean online = channel != Channel.WIDGET || inboxes.isOnline(inbox.getId());
                    // Left on the contact form while nobody answers: the widget promised an answer by e-mail.
                    if (!online && mail.sends()) {
                        started.answerByEmail();
                    }
                    em.persist(started);
                    em.flush();
                    startedHere.add(started.getId());
                    opened.fire(new ConversationOpened(started.getId(), inbox.getId(), online));
                    return started;
                });
    }

    /** The same found by the visitor's token, archived or not, with the visitor read (not locked) by the same query. */
    private Optional<Conversation> latestLockedWithVisitor(Inbox inbox, String visitorToken) {
        if (visitorToken == null || visitorToken.isBlank()) {
            return Optional.empty();
        }
        return em.createNamedQuery(Conversation.LATEST_OF_VISITOR_TOKEN_IN_INBOX, Conversation.class)
                .setParameter("token", visitorToken)
                .setParameter("inboxId", inbox.getId())
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(this::lockedByItsKey);
    }

    /**
     * The conversation found without a lock, now locked by its primary key and read again. A locking read through
     * another index locks every row it passes (InnoDB): on a plan that walks the inbox's conversations it locked
     * other visitors' too, and two visitors' first messages, each holding its new conversation, waited for each
     * other until MariaDB broke the deadlock.
     */
    private Conversation lockedByItsKey(Conversation conversation) {
        em.refresh(conversation, LockModeType.PESSIMISTIC_WRITE);
        return conversation;
    }

    private static boolean notArchived(Conversation conversation) {
        return conversation.getStatus() != ConversationStatus.ARCHIVED;
    }
}
