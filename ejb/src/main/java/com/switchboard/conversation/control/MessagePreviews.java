package com.switchboard.conversation.control;

import com.switchboard.conversation.entity.Message;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the consoles show of a conversation before it is opened, in their lists and in the toasts of offers,
 * broadcasts and invitations: the start of its newest public message.
 */
@Stateless
public class MessagePreviews {

    public static final int LENGTH = 140;

    @PersistenceContext
    EntityManager em;

    /** By conversation id; a conversation without a public message has none. */
    public Map<Long, String> of(Collection<Long> conversationIds) {
        var previews = new HashMap<Long, String>();
        if (conversationIds.isEmpty()) {
            return previews;
        }
        em.createNamedQuery(Message.LAST_PUBLIC_OF_CONVERSATIONS, Message.class).setParameter("ids", conversationIds)
                .getResultStream().forEach(m -> previews.put(m.getConversation().getId(), cut(m.getBody())));
        return previews;
    }

    public Optional<String> of(long conversationId) {
        return Optional.ofNullable(of(List.of(conversationId)).get(conversationId));
    }

    /** The start of the text, cut between characters as people count them. */
    public static String cut(String body) {
        if (body.codePointCount(0, body.length()) <= LENGTH) {
            return body;
        }
        return body.substring(0, body.offsetByCodePoints(0, LENGTH - 1)) + "…";
    }
}
