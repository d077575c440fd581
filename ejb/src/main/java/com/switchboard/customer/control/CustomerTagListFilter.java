package com.switchboard.customer.control;

import com.switchboard.conversation.boundary.ConversationListFilter;
import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.conversation.boundary.CustomerTagFilter;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.customer.entity.CustomerTagging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

/**
 * The conversation lists' filter by customer tags ({@link CustomerTagFilter}): the customer is the conversation's
 * visitor, unless the conversation was unpinned from them (then it carries no tags). Subqueries on
 * {@code customer_tagging}'s key {@code (visitor_id, tag_id)}, at most ten rows a customer, except for chosen tags:
 * those are the customers having all n of them, found once through the tag index, as the conversation's own tags
 * are ({@code visitor_id IN (… GROUP BY visitor_id HAVING COUNT(tag_id) = n)}).
 */
@ApplicationScoped
public class CustomerTagListFilter implements ConversationListFilter {

    @Override
    public Predicate predicate(ConversationQuery query, CriteriaBuilder cb, AbstractQuery<?> criteria,
                               Root<Conversation> conversation) {
        var filter = query.customerTags();
        if (filter.isAny()) {
            return null;
        }
        var customer = conversation.get("visitor").get("id");
        var pinnedToCustomer = cb.isNull(conversation.get("customerCard").get("unpinnedAt"));
        if (filter.untagged()) {
            var any = criteria.subquery(Integer.class);
            var tagging = any.from(CustomerTagging.class);
            any.select(cb.literal(1)).where(cb.equal(tagging.get("visitorId"), customer));
            return cb.or(cb.not(pinnedToCustomer), cb.not(cb.exists(any)));
        }
        if (filter.tagIds().isEmpty()) {
            var anyPinned = criteria.subquery(Integer.class);
            var tagging = anyPinned.from(CustomerTagging.class);
            anyPinned.select(cb.literal(1)).where(cb.equal(tagging.get("visitorId"), customer),
                    cb.isTrue(tagging.get("pinned")));
            return cb.and(pinnedToCustomer, cb.exists(anyPinned));
        }
        var carriers = criteria.subquery(Long.class);
        var tagging = carriers.from(CustomerTagging.class);
        var tagId = tagging.<Long>get("tagId");
        carriers.select(tagging.get("visitorId"))
                .where(filter.pinned() ? cb.and(tagId.in(filter.tagIds()), cb.isTrue(tagging.get("pinned")))
                        : tagId.in(filter.tagIds()))
                .groupBy(tagging.get("visitorId"))
                .having(cb.equal(cb.count(tagId), (long) filter.tagIds().size()));
        return cb.and(pinnedToCustomer, customer.in(carriers));
    }
}
