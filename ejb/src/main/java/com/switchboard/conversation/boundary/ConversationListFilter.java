package com.switchboard.conversation.boundary;

import com.switchboard.conversation.entity.Conversation;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

/**
 * A filter of the conversation lists over data another capability owns: the customer's tags, whose tables only the
 * customer capability knows (its {@code CustomerTagListFilter}). Such capabilities depend on conversation, so the
 * lists reach their filters through this CDI type instead of depending back on them. {@link ConversationDirectory}
 * adds every such predicate to each list and its count.
 */
public interface ConversationListFilter {

    /** The predicate this query asks of the conversations, or null when it asks nothing of this filter. */
    Predicate predicate(ConversationQuery query, CriteriaBuilder cb, AbstractQuery<?> criteria,
                        Root<Conversation> conversation);
}
