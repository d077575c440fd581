package com.switchboard.conversation.boundary;

import com.switchboard.agent.control.AgentFreed;
import com.switchboard.agent.entity.Agent;
import com.switchboard.attachment.control.Attachments;
import com.switchboard.attachment.control.ReceivedFile;
import com.switchboard.conversation.control.ChatLog;
import com.switchboard.conversation.control.ChatLogs;
import com.switchboard.conversation.control.ConversationAccess;
import com.switchboard.conversation.control.ConversationArchived;
import com.switchboard.conversation.control.ConversationClosed;
import com.switchboard.conversation.control.ConversationHandedOn;
import com.switchboard.conversation.control.ConversationEvent;
import com.switchboard.conversation.control.ConversationEventPublisher;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.ConversationOpened;
import com.switchboard.conversation.control.ConversationWaiting;
import com.switchboard.conversation.control.ConversationsDeleting;
import com.switchboard.conversation.control.DeliveryStatuses;
import com.switchboard.conversation.control.EmailedAnswers;
import com.switchboard.conversation.control.MessageText;
import com.switchboard.conversation.entity.AgentConversationKey;
import com.switchboard.conversation.entity.AgentConversationState;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.Channel;
import com.switchboard.conversation.entity.ClientMessageId;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationDeletion;
import com.switchboard.conversation.entity.ConversationParticipant;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.conversation.entity.DeliveryStatus;
import com.switchboard.conversation.entity.Message;
import com.switchboard.conversation.entity.NameTheVisitorSees;
import com.switchboard.conversation.entity.OptionMenu;
import com.switchboard.conversation.entity.Recipient;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.InactivityAction;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.mail.boundary.MailOutbox;
import com.switchboard.platform.boundary.RequestRejectedException;
import com.switchboard.platform.control.AddressRates;
import com.switchboard.platform.entity.Tags;
import com.switchboard.visitor.boundary.AgentBlocks;
import com.switchboard.visitor.boundary.VisitorBlocks;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.entity.Visitor;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Conversations and their messages: every way a message enters Switchboard ends here. */
@Stateless
public class DialogService {

    @PersistenceContext
    EntityManager em;

    @EJB
    InboxService inboxes;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationEventPublisher events;

    @EJB
    ConversationGuard guard;

    @Inject
    AddressRates addressRates;

    @EJB
    Attachments attachments;

    @EJB
    VisitorBlocks visitorBlocks;

    @EJB
    AgentBlocks agentBlocks;

    @Inject
    @ConfigProperty(name = "switchboard.conversations.delete-roles", defaultValue = "ADMIN")
    Set<String> deleteRoles;

    @EJB
    InactivityTimers inactivityTimers;

    @EJB
    DeliveryStatuses deliveries;

    @EJB
    EmailedAnswers emailedAnswers;

    @EJB
    ChatLogs chatLogs;

    @EJB
    MailOutbox mail;

    /** What one "minute" of an inbox's inactivity policy lasts; tests shorten it. */
    @Inject
    @ConfigProperty(name = "switchboard.inactivity.unit", defaultValue = "PT1M")
    Duration inactivityUnit;

    @Inject
    Event<ConversationWaiting> waiting;

    @Inject
    Event<AgentFreed> agentFreed;

    @Inject
    Event<ConversationsDeleting> deleting;

    @Inject
    Event<ConversationOpened> opened;

    @Inject
    Event<ConversationClosed> closed;

    @Inject
    Event<ConversationHandedOn> handedOn;

    @Inject
    Event<ConversationArchived> archived;

    /**
     * Stores a visitor's message in their conversation of the inbox (reopening it if it was closed, starting one
     * if there is none or it was archived) with the conversation's next sequence number, and publishes it once
     * the transaction commits.
     */
    public PostedMessage postVisitorMessage(String inboxName, String visitorToken, String text) {
        return postVisitorMessage(inboxName, visitorToken, text, (String) null);
    }

    /**
     * The same, sent once: a message the visitor sent before under the same {@code clientId} (a resend after a
     * reconnect) is answered as it was stored then, and nothing new is stored.
     */
    public PostedMessage postVisitorMessage(String inboxName, String visitorToken, String text, String clientId) {
        return postByToken(inboxName, visitorToken, text, Channel.WIDGET, List.of(),
                ClientMessageId.validate(clientId));
    }

    /** The same through another channel; a conversation keeps the channel it started on. */
    public PostedMessage postVisitorMessage(String inboxName, String visitorToken, String text, Channel channel) {
        return postVisitorMessage(inboxName, visitorToken, text, channel, List.of());
    }

    /**
     * The same with files (received by {@code AttachmentService}), which are kept only if the message is: then
     * the text may be empty.
     */
    public PostedMessage postVisitorMessage(String inboxName, String visitorToken, String text, Channel channel,
                                            List<ReceivedFile> files) {
        return postByToken(inboxName, visitorToken, text, channel, files, null);
    }

    /** The same for a visitor the caller found in this transaction (a legacy system's customer, by their id). */
    public PostedMessage postVisitorMessage(String inboxName, Visitor visitor, String text, Channel channel) {
        // Written first: the lock rereads the row, which would undo the caller's changes not yet written.
        em.flush();
        em.lock(visitor, LockModeType.PESSIMISTIC_WRITE);
        var body = body(text, List.of());
        var inbox = inboxes.acceptingVisitors(inboxName);
        return postAsLockedVisitor(inbox, visitor, channel, body, List.of(), null);
    }

    /**
     * A message from the visitor holding {@code token}. A follow-up finds the visitor's current conversation and
     * the visitor with one read, then locks the conversation. A first message (or one after an archive) locks the
     * visitor alone and looks again under that lock: the visitor's row lock serialises their concurrent first
     * messages, so exactly one starts a conversation.
     */
    private PostedMessage postByToken(String inboxName, String token, String text, Channel channel,
                                      List<ReceivedFile> files, String clientId) {
        var body = body(text, files);
        var inbox = inboxes.acceptingVisitors(inboxName);
        var current = latestLockedWithVisitor(inbox, token).filter(DialogService::notArchived);
        if (current.isPresent()) {
            visitorBlocks.requireNotBlocked(current.get().getVisitor());
            return postVisitorMessage(current.get(), body, files, clientId);
        }
        return postAsLockedVisitor(inbox, visitors.requireLockedByToken(token), channel, body, files, clientId);
    }

    /** The visitor comes locked; their current conversation is found (or started) under that lock. */
    private PostedMessage postAsLockedVisitor(Inbox inbox, Visitor lockedVisitor, Channel channel, String body,
                                              List<ReceivedFile> files, String clientId) {
        visitorBlocks.requireNotBlocked(lockedVisitor);
        return postVisitorMessage(currentOrNew(inbox, lockedVisitor, channel), body, files, clientId);
    }

    /** Into the visitor's current conversation, which comes locked. */
    private PostedMessage postVisitorMessage(Conversation conversation, String body, List<ReceivedFile> files,
                                             String clientId) {
        var sentBefore = sentBefore(conversation, clientId, AuthorType.VISITOR);
        if (sentBefore.isPresent()) {
            return sentBefore.get();
        }
        return storeVisitorMessage(conversation, conversation.getLastSeq() == 0, AuthorType.VISITOR, body, null,
                files, clientId);
    }

    /**
     * The message stored before under this client id, answered as a duplicate. Looked up under the
     * conversation's lock, so two concurrent resends cannot both miss it (the unique key backs this up); an id
     * the other side used is a conflict, not a duplicate.
     */
    private Optional<PostedMessage> sentBefore(Conversation conversation, String clientId, AuthorType author) {
        if (clientId == null) {
            return Optional.empty();
        }
        return em.createNamedQuery(Message.BY_CLIENT_ID, Message.class)
                .setParameter("conversationId", conversation.getId()).setParameter("clientId", clientId)
                .getResultStream().findFirst().map(original -> {
                    if ((original.getAuthorType() == AuthorType.VISITOR) != (author == AuthorType.VISITOR)) {
                        throw RequestRejectedException.conflict("message.client-id-taken",
                                "This clientId belongs to another sender's message: use a fresh one.");
                    }
                    return new PostedMessage(conversation.getId(), original.getSeq(), original.getCreatedAt(),
                            attachments.ofConversation(conversation.getId())
                                    .getOrDefault(original.getSeq(), List.of()), true);
                });
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
        requireNotArchived(conversation);
        reopen(conversation, agent.getId());
        var message = conversation.append(AuthorType.AGENT, body, agent, null);
        message.offer(menu);
        startInactivityClock(conversation);
        return storeAgentMessage(conversation, message, List.of());
    }

    /**
     * The visitor picks option {@code option} (0-based) of the menu in message {@code seq}: the pick is recorded
     * on that message, once, and posted as the visitor's answer so the conversation reads naturally.
     */
    public PostedMessage pickOption(String visitorToken, long conversationId, long seq, int option) {
        var conversation = guard.visitorsConversation(visitorToken, conversationId);
        em.refresh(conversation, LockModeType.PESSIMISTIC_WRITE);
        requireNotArchived(conversation);
        var menu = em.createNamedQuery(Message.BY_SEQ, Message.class)
                .setParameter("conversationId", conversationId).setParameter("seq", seq)
                .getResultStream().filter(m -> m.getAuthorType().isPublic()).findFirst()
                .orElseThrow(() -> RequestRejectedException.notFound("message.unknown",
                        "There is no message " + seq + " in this conversation."));
        var label = menu.pick(option, Instant.now());
        return storeVisitorMessage(conversation, false, AuthorType.VISITOR, label, seq, List.of(), null);
    }

    /**
     * An agent's public reply, optionally quoting an earlier public message. Only the agent holding the
     * conversation (or an admin) replies; a closed conversation opens again.
     */
    public PostedMessage postAgentMessage(long conversationId, long agentId, String text, Long quoteSeq) {
        return postAgentMessage(conversationId, agentId, text, quoteSeq, List.of());
    }

    /** The same with files; the text may then be empty. */
    public PostedMessage postAgentMessage(long conversationId, long agentId, String text, Long quoteSeq,
                                          List<ReceivedFile> files) {
        return postAgentMessage(conversationId, agentId, text, quoteSeq, files, null);
    }

    /** The same sent once: a resend under the same {@code clientId} stores nothing and answers the original. */
    public PostedMessage postAgentMessage(long conversationId, long agentId, String text, Long quoteSeq,
                                          String clientId) {
        return postAgentMessage(conversationId, agentId, text, quoteSeq, List.of(), ClientMessageId.validate(clientId));
    }

    private PostedMessage postAgentMessage(long conversationId, long agentId, String text, Long quoteSeq,
                                           List<ReceivedFile> files, String clientId) {
        var body = body(text, files);
        var agent = guard.activeAgent(agentId);
        var conversation = guard.locked(conversationId);
        guard.requireReplier(agent, conversation);
        var sentBefore = sentBefore(conversation, clientId, AuthorType.AGENT);
        if (sentBefore.isPresent()) {
            return sentBefore.get();
        }
        requireNotArchived(conversation);
        requireQuotable(conversation, quoteSeq);
        reopen(conversation, agent.getId());
        var message = conversation.append(AuthorType.AGENT, body, agent, quoteSeq);
        message.sentAs(clientId);
        startInactivityClock(conversation);
        var posted = storeAgentMessage(conversation, message, files);
        if (!visitorBlocks.isBlocked(conversation.getVisitor())) {
            emailedAnswers.answered(conversation, message.getShownAuthorName(), body, posted.attachments());
        }
        return posted;
    }

    /** An agent's public message; one to a blocked visitor is kept, but marked as never delivered. */
    private PostedMessage storeAgentMessage(Conversation conversation, Message message, List<ReceivedFile> files) {
        var posted = store(conversation, message, files);
        if (visitorBlocks.isBlocked(conversation.getVisitor())) {
            deliveries.advance(conversation.getId(), Recipient.VISITOR, DeliveryStatus.FAILED, posted.seq(),
                    "visitor.blocked");
        }
        return posted;
    }

    /** A private note: for agents only, never shown to the visitor. Writing one does not reopen anything. */
    public PostedMessage postNote(long conversationId, long agentId, String text) {
        return postNote(conversationId, agentId, text, List.of());
    }

    /**
     * A visitor's message reopens a closed conversation and may make it wait for an agent (it is new, nobody
     * holds it, or its holder blocked this visitor): then routing is asked to find one once this commits.
     */
    private PostedMessage storeVisitorMessage(Conversation conversation, boolean isNew, AuthorType author,
                                              String body, Long quoteSeq, List<ReceivedFile> files,
                                              String clientId) {
        var waitedBefore = conversation.getStatus() == ConversationStatus.WAITING;
        reopen(conversation, null);
        releaseIfAssigneeBlocked(conversation);
        var message = conversation.append(author, body, null, quoteSeq);
        message.sentAs(clientId);
        var posted = store(conversation, message, files);
        if (conversation.getStatus() == ConversationStatus.WAITING && (isNew || !waitedBefore)) {
            waiting.fire(new ConversationWaiting(conversation.getId()));
        }
        return posted;
    }

    /**
     * An agent's public message: the visitor owes the answer now, and the inbox's inactivity policy acts if it
     * does not come. (The visitor's message ends that in {@code Conversation.append}; while a visitor waits for an
     * agent, nothing counts as their inactivity: an unanswered chat is the reply deadline's business.)
     */
    private void startInactivityClock(Conversation conversation) {
        var policy = conversation.getInbox().settings().inactivity();
        if (policy == null) {
            return;
        }
        var now = Instant.now();
        var deadline = now.plus(inactivityUnit.multipliedBy(policy.minutes()));
        if (conversation.inactiveAfter(deadline, now)) {
            inactivityTimers.arm(conversation.getId(), deadline);
        }
    }

    /**
     * The visitor has not answered an agent until the conversation's inactivity deadline: the inbox's policy acts
     * (a system message, a close, or both), once. Called by the conversation's timer and by the sweeper; a deadline
     * that moved on meanwhile only re-arms the timer. A visitor whose message awaits an agent's answer is never
     * inactive, whatever deadline the row holds.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void inactivityDue(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
        if (conversation == null) {
            return;
        }
        var deadline = conversation.getInactivityDeadline();
        var policy = conversation.getInbox().settings().inactivity();
        if (deadline == null || policy == null || !conversation.getStatus().isOpen() || !conversation.isAnswered()) {
            conversation.inactivityHandled();
            return;
        }
        if (deadline.isAfter(Instant.now())) {
            inactivityTimers.arm(conversationId, conversation.rearmInactivityTimer());
            return;
        }
        conversation.inactivityHandled();
        if (policy.action().sendsMessage()) {
            store(conversation, conversation.append(AuthorType.SYSTEM, policy.message()));
        }
        if (policy.action() != InactivityAction.SEND_MESSAGE) {
            closeFreeingItsPlace(conversation);
        }
    }

    /** A note with files: agents only see them, like the note. */
    public PostedMessage postNote(long conversationId, long agentId, String text, List<ReceivedFile> files) {
        return postNote(conversationId, agentId, text, files, null);
    }

    /** A note sent once (see {@link #postAgentMessage(long, long, String, Long, String)}). */
    public PostedMessage postNote(long conversationId, long agentId, String text, String clientId) {
        return postNote(conversationId, agentId, text, List.of(), ClientMessageId.validate(clientId));
    }

    private PostedMessage postNote(long conversationId, long agentId, String text, List<ReceivedFile> files,
                                   String clientId) {
        var body = body(text, files);
        var agent = guard.activeAgent(agentId);
        var conversation = guard.locked(conversationId);
        guard.requireReadable(agent, conversation);
        var sentBefore = sentBefore(conversation, clientId, AuthorType.NOTE);
        if (sentBefore.isPresent()) {
            return sentBefore.get();
        }
        var note = conversation.append(AuthorType.NOTE, body, agent, null);
        note.sentAs(clientId);
        return store(conversation, note, files);
    }

    /**
     * Hands the conversation to {@code assigneeId}; see {@link ConversationAccess#canAssign} for who may. A
     * participant who takes it over holds it instead of taking part; the previous holder keeps nothing.
     */
    public void assign(long conversationId, long actorId, long assigneeId) {
        var actor = guard.activeAgent(actorId);
        var assignee = guard.activeAgent(assigneeId);
        var conversation = guard.locked(conversationId);
        if (!ConversationAccess.canAssign(actor, conversation)) {
            throw RequestRejectedException.forbidden("conversation.reassign-forbidden",
                    "Only an admin or the agent holding this conversation can hand it on.");
        }
        requireNotArchived(conversation);
        if (!assignee.getId().equals(actor.getId()) && agentBlocks.hasBlockedAgent(assigneeId, actorId)) {
            throw RequestRejectedException.forbidden("agent.blocked",
                    assignee.getDisplayName() + " does not take conversations from you.");
        }
        var previous = conversation.getAssignee();
        conversation.assignTo(assignee);
        if (previous != null && !previous.getId().equals(assigneeId)) {
            agentFreed.fire(new AgentFreed(previous.getId()));
        }
        if (previous == null || !previous.getId().equals(assigneeId)) {
            handedOn.fire(new ConversationHandedOn(conversationId, conversation.getInbox().getId(), assigneeId));
            events.holderChanged(conversationId);
        }
        Optional.ofNullable(em.find(ConversationParticipant.class,
                new AgentConversationKey(assigneeId, conversationId))).ifPresent(em::remove);
    }

    public void close(long conversationId, long actorId) {
        var actor = guard.activeAgent(actorId);
        var conversation = guard.locked(conversationId);
        if (!ConversationAccess.canClose(actor, conversation)) {
            throw RequestRejectedException.forbidden("conversation.not-yours",
                    "Only the agent holding this conversation, a supervisor or an admin can close it.");
        }
        requireNotArchived(conversation);
        closeFreeingItsPlace(conversation);
    }

    /** The visitor ends the chat from the widget. */
    public void closeByVisitor(String visitorToken, long conversationId) {
        var conversation = guard.visitorsConversation(visitorToken, conversationId);
        em.lock(conversation, LockModeType.PESSIMISTIC_WRITE);
        requireNotArchived(conversation);
        closeFreeingItsPlace(conversation);
    }

    /**
     * A system message from outside (a legacy system through JMS): public, shown to the visitor, but it neither
     * reopens a closed conversation nor answers the visitor.
     */
    public PostedMessage postSystemMessage(long conversationId, String text) {
        var body = MessageText.validate(text);
        var conversation = guard.locked(conversationId);
        requireNotArchived(conversation);
        return store(conversation, conversation.append(AuthorType.SYSTEM, body));
    }

    /** A legacy system ends the conversation (JMS); closing a closed one changes nothing. */
    public void closeBySystem(long conversationId) {
        var conversation = guard.locked(conversationId);
        requireNotArchived(conversation);
        closeFreeingItsPlace(conversation);
    }

    /**
     * The visitor's current (not archived) conversation of the inbox, for messages that name it by visitor and
     * inbox instead of by id.
     */
    public Optional<Long> currentConversationId(long visitorId, long inboxId) {
        return em.createNamedQuery(Conversation.LATEST_OF_VISITOR_IN_INBOX, Conversation.class)
                .setParameter("visitorId", visitorId).setParameter("inboxId", inboxId)
                .setMaxResults(1).getResultStream()
                .filter(c -> c.getStatus() != ConversationStatus.ARCHIVED).map(Conversation::getId).findFirst();
    }

    /** A closed conversation opens again; the consoles are told (by the agent {@code byAgentId}, or the visitor). */
    private void reopen(Conversation conversation, Long byAgentId) {
        if (conversation.reopen()) {
            events.reopened(conversation.getId(), byAgentId);
        }
    }

    /** A held conversation that ends gives its agent's place to whoever waits. */
    private void closeFreeingItsPlace(Conversation conversation) {
        var held = conversation.getStatus() == ConversationStatus.ASSIGNED;
        var wasClosed = conversation.getStatus() == ConversationStatus.CLOSED;
        conversation.close(Instant.now());
        if (!wasClosed) {
            closed.fire(new ConversationClosed(conversation.getId(), conversation.getInbox().getId()));
            events.closed(conversation.getId());
        }
        if (held) {
            agentFreed.fire(new AgentFreed(conversation.getAssignee().getId()));
        }
    }

    /**
     * Archives the conversation (for whoever may close it); the visitor's widget hears of it, and their next
     * message starts a new conversation.
     */
    public void archive(long conversationId, long actorId) {
        var actor = guard.activeAgent(actorId);
        var conversation = guard.locked(conversationId);
        if (!ConversationAccess.canClose(actor, conversation)) {
            throw RequestRejectedException.forbidden("conversation.not-yours",
                    "Only the agent holding this conversation, a supervisor or an admin can archive it.");
        }
        var held = conversation.getStatus() == ConversationStatus.ASSIGNED;
        var wasArchived = conversation.getStatus() == ConversationStatus.ARCHIVED;
        conversation.archive(Instant.now());
        if (!wasArchived) {
            archived.fire(new ConversationArchived(conversationId, conversation.getInbox().getId()));
            events.archived(conversationId);
        }
        if (held) {
            agentFreed.fire(new AgentFreed(conversation.getAssignee().getId()));
        }
    }

    /**
     * Replaces the conversation's tags if nobody changed the conversation since {@code expectedVersion} (the
     * version the caller read: two agents editing tags at once must not silently undo each other); anyone who may
     * read the conversation may tag it.
     */
    public Set<String> retag(long conversationId, long agentId, long expectedVersion, Collection<String> tags) {
        var normalised = Tags.normalise("conversation", tags);
        var agent = guard.activeAgent(agentId);
        var conversation = guard.locked(conversationId);
        guard.requireReadable(agent, conversation);
        if (conversation.getVersion() != expectedVersion) {
            throw RequestRejectedException.conflict("conversation.changed",
                    "Someone changed this conversation meanwhile: reload and try again.");
        }
        conversation.retag(normalised);
        // The tags live in their own table: count their change as a change of the conversation.
        em.lock(conversation, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        return conversation.getTags();
    }

    /**
     * Deletes the conversations for everyone, all or none: an unknown id deletes nothing. Only agents with a role
     * allowed to delete (configuration {@code switchboard.conversations.delete-roles}, ADMIN by default) may;
     * the audit keeps who deleted which conversation and when, never its content.
     */
    public int delete(long actorId, Collection<Long> conversationIds) {
        var actor = guard.activeAgent(actorId);
        if (actor.getRoles().stream().noneMatch(role -> deleteRoles.contains(role.name()))) {
            throw RequestRejectedException.forbidden("conversation.delete-forbidden",
                    "Deleting conversations needs one of the roles " + deleteRoles + ".");
        }
        var ids = Set.copyOf(conversationIds);
        var now = Instant.now();
        var conversations = ids.stream().sorted().map(guard::locked).toList();
        conversations.forEach(c -> em.persist(new ConversationDeletion(c, actorId, now)));
        deleting.fire(new ConversationsDeleting(ids));
        conversations.stream().filter(c -> c.getStatus() == ConversationStatus.ASSIGNED)
                .forEach(c -> agentFreed.fire(new AgentFreed(c.getAssignee().getId())));
        attachments.deleteOfConversations(ids);
        em.createNamedQuery(Message.DELETE_OF_CONVERSATIONS).setParameter("ids", ids).executeUpdate();
        em.createNamedQuery(AgentConversationState.DELETE_OF_CONVERSATIONS).setParameter("ids", ids).executeUpdate();
        em.createNamedQuery(ConversationParticipant.DELETE_OF_CONVERSATIONS).setParameter("ids", ids).executeUpdate();
        conversations.forEach(em::remove);
        return conversations.size();
    }

    /** What the visitor may read of their conversation: every public message, no notes. */
    public List<TranscriptEntry> transcriptForVisitor(String visitorToken, long conversationId) {
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
    public List<TranscriptEntry> transcriptForAgent(long agentId, long conversationId) {
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

    /** Where the visitor's current conversation in the inbox stands, for a widget that reconnects. */
    public Optional<ConversationPosition> currentPosition(String inboxName, String visitorToken) {
        var visitor = visitors.requireByToken(visitorToken);
        var inbox = inboxes.acceptingVisitors(inboxName);
        return currentConversationId(visitor.getId(), inbox.getId()).map(id -> em.find(Conversation.class, id))
                .map(c -> new ConversationPosition(c.getId(), c.getStatus(),
                        c.getLastMessageSeq() == null ? 0 : c.getLastMessageSeq(),
                        NameTheVisitorSees.of(c.getInbox(), c.getAssignee())));
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
                .map(m -> ConversationEvent.messageCreated(m, inboxId, files.getOrDefault(m.getSeq(), List.of())))
                .toList();
    }

    private PostedMessage store(Conversation conversation, Message message) {
        return store(conversation, message, List.of());
    }

    /** Every new message ends here: stored with its files under the conversation's lock, then announced. */
    private PostedMessage store(Conversation conversation, Message message, List<ReceivedFile> files) {
        em.persist(message);
        var attached = attachments.attach(message, files);
        events.publish(ConversationEvent.messageCreated(message, conversation.getInbox().getId(), attached));
        return new PostedMessage(conversation.getId(), message.getSeq(), message.getCreatedAt(), attached);
    }

    private static String body(String text, List<ReceivedFile> files) {
        return files.isEmpty() ? MessageText.validate(text) : MessageText.caption(text);
    }

    private List<Message> messages(Conversation conversation) {
        return em.createNamedQuery(Message.OF_CONVERSATION, Message.class)
                .setParameter("conversationId", conversation.getId()).getResultList();
    }

    /** A visitor the holding agent blocked may not message them: the conversation goes back to waiting. */
    private void releaseIfAssigneeBlocked(Conversation conversation) {
        var assignee = conversation.getAssignee();
        if (assignee != null && agentBlocks.hasBlockedVisitor(assignee.getId(), conversation.getVisitor().getId())) {
            var held = conversation.getStatus() == ConversationStatus.ASSIGNED;
            conversation.release();
            if (held) {
                agentFreed.fire(new AgentFreed(assignee.getId()));
            }
            events.holderChanged(conversation.getId());
        }
    }

    private static void requireNotArchived(Conversation conversation) {
        if (conversation.getStatus() == ConversationStatus.ARCHIVED) {
            throw RequestRejectedException.conflict("conversation.archived",
                    "This conversation is archived.");
        }
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
                .filter(DialogService::notArchived)
                .findFirst()
                .orElseGet(() -> {
                    addressRates.admit(AddressRates.Start.NEW_CONVERSATION, visitor.getIpAddress());
                    var started = new Conversation(inbox, visitor, channel);
                    // Left on the contact form while nobody answers: the widget promised an answer by e-mail.
                    if (channel == Channel.WIDGET && mail.sends() && !inboxes.isOnline(inbox.getId())) {
                        started.answerByEmail();
                    }
                    em.persist(started);
                    em.flush();
                    opened.fire(new ConversationOpened(started.getId(), inbox.getId()));
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
