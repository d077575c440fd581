package com.switchboard.conversation.boundary;

import com.switchboard.input.RequestRejectedException;
import java.util.Set;

/**
 * The list's filter by customer tags (the coloured tags of the customer card, not the conversation's own free-text
 * tags): a conversation carries the tags of its customer while it is pinned to them. {@code tagIds}: the customer
 * carries every one of them; {@code untagged}: no tags at all (a conversation unpinned from its customer carries
 * none); {@code pinned}: only pinned tags count, so with no tags chosen the customer has some tag pinned. "No tags"
 * excludes the other two, as the console's picker does.
 */
public record CustomerTagFilter(Set<Long> tagIds, boolean untagged, boolean pinned) {

    /** A customer carries at most ten tags (the customer capability's rule): asking for more can never match. */
    public static final int MAX_TAGS = 10;

    /** No filter by customer tags. */
    public static final CustomerTagFilter ANY = new CustomerTagFilter(Set.of(), false, false);

    public CustomerTagFilter {
        tagIds = tagIds == null ? Set.of() : Set.copyOf(tagIds);
        if (tagIds.size() > MAX_TAGS) {
            throw RequestRejectedException.invalid("conversations.customer-tags",
                    "Filter by at most " + MAX_TAGS + " customer tags: no customer carries more.");
        }
        if (tagIds.stream().anyMatch(id -> id <= 0)) {
            throw RequestRejectedException.invalid("conversations.customer-tags", "A customer tag's id is positive.");
        }
        if (untagged && !tagIds.isEmpty()) {
            throw RequestRejectedException.invalid("conversations.customer-tags",
                    "'No tags set' and chosen customer tags exclude each other.");
        }
        if (untagged && pinned) {
            throw RequestRejectedException.invalid("conversations.customer-tags",
                    "'No tags set' and 'Pinned' exclude each other.");
        }
    }

    /** Conversations whose customer carries all of these tags (pinned ones only, if {@code pinned}). */
    public static CustomerTagFilter allOf(Set<Long> tagIds, boolean pinned) {
        return new CustomerTagFilter(tagIds, false, pinned);
    }

    /** Conversations whose customer carries no tags, or that were unpinned from their customer. */
    public static CustomerTagFilter none() {
        return new CustomerTagFilter(Set.of(), true, false);
    }

    /** Whether this filter leaves the list as it is. */
    public boolean isAny() {
        return tagIds.isEmpty() && !untagged && !pinned;
    }
}
