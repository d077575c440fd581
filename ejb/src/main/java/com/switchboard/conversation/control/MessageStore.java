package com.switchboard.conversation.control;

import com.switchboard.attachment.control.ReceivedFile;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.conversation.entity.Message;
import com.switchboard.conversation.entity.MessageText;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where every new message of a conversation is written, whoever wrote it: under the conversation's lock (the
 * caller holds it), with its files, announced once the transaction commits.
 */
@Stateless
public class MessageStore {

    @PersistenceContext
    EntityManager em;

    @EJB
    MessageFiles files;

    @EJB
    ConversationEventPublisher events;

    @Inject
    MessageIds ids;

    public PostedMessage store(Conversation conversation, Message message) {
        return store(conversation, message, List.of());
    }

    public PostedMessage store(Conversation conversation, Message message, List<ReceivedFile> received) {
        message.identify(ids.next());
        em.persist(message);
        var attached = files.attach(conversation, message, received);
        events.publish(MessageEvents.created(message, conversation.getInbox().getId(), attached));
        return new PostedMessage(conversation.getId(), message.getSeq(), message.getCreatedAt(), attached);
    }

    /**
     * The message stored before under this client id, answered as a duplicate. Looked up under the
     * conversation's lock, so two concurrent resends cannot both miss it (the unique key backs this up); an id
     * the other side used is a conflict, not a duplicate. A conversation without a message yet (one this
     * transaction starts) has none to look for.
     */
    public Optional<PostedMessage> sentBefore(Conversation conversation, String clientId, AuthorType author) {
        if (clientId == null || conversation.activity().lastSeq() == 0) {
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
                            files.ofConversation(conversation.getId())
                                    .getOrDefault(original.getSeq(), List.of()), true);
                });
    }

    /** A closed conversation opens again; the consoles are told (by the agent {@code byAgentId}, or the visitor). */
    public void reopen(Conversation conversation, Long byAgentId) {
        if (conversation.reopen(Instant.now())) {
            events.reopened(conversation.getId(), byAgentId);
        }
    }

    /** A message's text: required, unless files come with it (then it is their caption). */
    public static String body(String text, List<ReceivedFile> files) {
        return files.isEmpty() ? MessageText.validate(text) : MessageText.caption(text);
    }

    public static void requireNotArchived(Conversation conversation) {
        if (conversation.getStatus() == ConversationStatus.ARCHIVED) {
            throw RequestRejectedException.conflict("conversation.archived", "This conversation is archived.");
        }
    }
}
