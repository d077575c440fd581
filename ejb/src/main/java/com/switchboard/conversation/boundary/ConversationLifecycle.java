package com.switchboard.conversation.boundary;

import com.switchboard.agent.control.AgentFreed;
import com.switchboard.attachment.control.Attachments;
import com.switchboard.conversation.control.ConversationAccess;
import com.switchboard.conversation.control.ConversationArchived;
import com.switchboard.conversation.control.ConversationCloser;
import com.switchboard.conversation.control.ConversationEventPublisher;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.ConversationsDeleting;
import com.switchboard.conversation.control.MessageStore;
import com.switchboard.conversation.control.PostedMessage;
import com.switchboard.conversation.entity.AgentConversationState;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.ConversationDeletion;
import com.switchboard.conversation.entity.ConversationParticipant;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.conversation.entity.EndedBy;
import com.switchboard.conversation.entity.Message;
import com.switchboard.conversation.entity.MessageText;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.Tags;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * A conversation from its close to its end: closing (by an agent, the visitor or a legacy system; a new message
 * opens it again), archiving, tagging and deleting, and the legacy system's notices in it.
 */
@Stateless
public class ConversationLifecycle {

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationGuard guard;

    @EJB
    ConversationCloser closer;

    @EJB
    MessageStore messages;

    @EJB
    ConversationEventPublisher events;

    @EJB
    Attachments attachments;

    @Inject
    DeleteRights deleteRights;

    @Inject
    Event<AgentFreed> agentFreed;

    @Inject
    Event<ConversationsDeleting> deleting;

    @Inject
    Event<ConversationArchived> archived;

    public void close(long conversationId, long actorId) {
        var actor = guard.activeAgent(actorId);
        var conversation = guard.locked(conversationId);
        if (!ConversationAccess.canClose(actor, conversation)) {
            throw RequestRejectedException.forbidden("conversation.not-yours",
                    "Only the agent holding this conversation, a supervisor or an admin can close it.");
        }
        MessageStore.requireNotArchived(conversation);
        closer.close(conversation, EndedBy.agent(actor));
    }

    /** The visitor ends the chat from the widget. */
    public void closeByVisitor(String visitorToken, long conversationId) {
        var conversation = guard.visitorsConversation(visitorToken, conversationId);
        em.lock(conversation, LockModeType.PESSIMISTIC_WRITE);
        MessageStore.requireNotArchived(conversation);
        closer.close(conversation, EndedBy.VISITOR);
    }

    /** A legacy system ends the conversation (JMS); closing a closed one changes nothing. */
    public void closeBySystem(long conversationId) {
        var conversation = guard.locked(conversationId);
        MessageStore.requireNotArchived(conversation);
        closer.close(conversation, EndedBy.SYSTEM);
    }

    /**
     * A system message from outside (a legacy system through JMS): public, shown to the visitor, but it neither
     * reopens a closed conversation nor answers the visitor.
     */
    public PostedMessage postSystemMessage(long conversationId, String text) {
        var body = MessageText.validate(text);
        var conversation = guard.locked(conversationId);
        MessageStore.requireNotArchived(conversation);
        return messages.store(conversation, conversation.append(AuthorType.SYSTEM, body, Instant.now()));
    }

    /**
     * Archives the conversation (for whoever may close it); the visitor's widget hears of it, and their next
     * message starts a new conversation.
     */
    public void archive(long conversationId, long actorId) {
        archive(conversationId, actorId, false);
    }

    /** The same, from the admin console: recorded as archived by an admin. */
    public void archiveInAdminConsole(long conversationId, long actorId) {
        archive(conversationId, actorId, true);
    }

    private void archive(long conversationId, long actorId, boolean adminConsole) {
        var actor = guard.activeAgent(actorId);
        var conversation = guard.locked(conversationId);
        if (!ConversationAccess.canClose(actor, conversation)) {
            throw RequestRejectedException.forbidden("conversation.not-yours",
                    "Only the agent holding this conversation, a supervisor or an admin can archive it.");
        }
        if (conversation.getStatus() == ConversationStatus.ARCHIVED) {
            return;     // archived once: when and by whoever did it first
        }
        var held = conversation.getStatus() == ConversationStatus.ASSIGNED;
        var by = adminConsole ? EndedBy.admin(actor) : EndedBy.agent(actor);
        conversation.archive(Instant.now(), by);
        archived.fire(new ConversationArchived(conversationId, conversation.getInbox().getId(), by));
        events.archived(conversationId);
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
        if (!deleteRights.allowed(actor.getRoles())) {
            throw RequestRejectedException.forbidden("conversation.delete-forbidden",
                    "Deleting conversations needs one of the roles " + deleteRights.roles() + ".");
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
}
