package com.switchboard.conversation.boundary;

import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.ConversationVisibility;
import com.switchboard.conversation.control.MessagePreviews;
import com.switchboard.conversation.control.UnreadCounts;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.Message;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.VisitorPresence;
import com.switchboard.visitor.entity.Visitor;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Conversation lists for the console: filtered, sorted and paged in the database, and only ever what the caller
 * may read ({@link ConversationVisibility}, the rule single conversations are opened by).
 */
@Stateless
public class ConversationDirectory {

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationGuard guard;

    @EJB
    UnreadCounts unreadCounts;

    @EJB
    MessagePreviews previews;

    @EJB
    VisitorPresence presence;

    /** The filters of other capabilities (the customer's tags). */
    @Inject
    @Any
    Instance<ConversationListFilter> otherFilters;

    public ConversationPage list(long agentId, ConversationQuery query) {
        var agent = guard.activeAgent(agentId);
        var cb = em.getCriteriaBuilder();

        var count = cb.createQuery(Long.class);
        var counted = count.from(Conversation.class);
        count.select(cb.count(counted)).where(filters(agent, query, cb, count, counted));
        long total = em.createQuery(count).getSingleResult();

        var select = cb.createQuery(Conversation.class);
        var conversation = select.from(Conversation.class);
        // Fetched with the page: one query for the lines instead of one per line.
        conversation.fetch("inbox");
        conversation.fetch("visitor");
        conversation.fetch("assignee", JoinType.LEFT);
        select.select(conversation).where(filters(agent, query, cb, select, conversation))
                .orderBy(order(query.sort(), cb, conversation));
        var page = em.createQuery(select)
                .setFirstResult(query.page() * query.size())
                .setMaxResults(query.size())
                .getResultList();
        return new ConversationPage(summaries(agentId, page), total, query.page(), query.size());
    }

    /**
     * Every conversation the list's filters match (its page and size aside): how many, and the ids of at most
     * {@code max} of them in the list's order (exports).
     */
    public MatchingIds matching(long agentId, ConversationQuery query, int max) {
        var agent = guard.activeAgent(agentId);
        var cb = em.getCriteriaBuilder();
        var count = cb.createQuery(Long.class);
        var counted = count.from(Conversation.class);
        count.select(cb.count(counted)).where(filters(agent, query, cb, count, counted));
        long total = em.createQuery(count).getSingleResult();
        if (total == 0 || max <= 0) {
            return new MatchingIds(total, List.of());
        }
        var select = cb.createQuery(Long.class);
        var conversation = select.from(Conversation.class);
        select.select(conversation.get("id")).where(filters(agent, query, cb, select, conversation))
                .orderBy(order(query.sort(), cb, conversation));
        return new MatchingIds(total, em.createQuery(select).setMaxResults(max).getResultList());
    }

    /** How many conversations match, and (some of) their ids. */
    public record MatchingIds(long total, List<Long> ids) {
    }

    /**
     * A visitor's details are theirs to read (and the visitor theirs to tag or block) who may read one of the
     * visitor's conversations: the rule of the lists, so no agent reaches the people of inboxes that are not theirs.
     */
    public void requireVisitorReadable(long agentId, long visitorId) {
        if (!guard.canReadAnyOfVisitor(guard.activeAgent(agentId), visitorId)) {
            throw RequestRejectedException.forbidden("visitor.not-yours",
                    "None of this visitor's conversations is yours to read.");
        }
    }

    /** One conversation as a list would show it, if the caller may read it (an unknown one is NOT_FOUND). */
    public ConversationSummary find(long agentId, long conversationId) {
        var agent = guard.activeAgent(agentId);
        var conversation = guard.existing(conversationId);
        guard.requireReadable(agent, conversation);
        return summaries(agentId, List.of(conversation)).get(0);
    }

    private Predicate[] filters(Agent agent, ConversationQuery query, CriteriaBuilder cb,
                                AbstractQuery<?> criteria, Root<Conversation> conversation) {
        var filters = new ArrayList<Predicate>();
        filters.add(ConversationVisibility.readableBy(agent, cb, criteria, conversation));
        filters.add(conversation.get("status").in(query.statuses()));
        var assignee = query.assignee();
        switch (assignee.kind()) {
            case ME -> filters.add(cb.equal(conversation.get("assigneeId"), agent.getId()));
            case UNASSIGNED -> filters.add(cb.isNull(conversation.get("assigneeId")));
            case AGENT -> filters.add(cb.equal(conversation.get("assigneeId"), assignee.agentId()));
            case ANYONE -> { }
        }
        if (!query.inboxIds().isEmpty()) {
            filters.add(conversation.get("inbox").get("id").in(query.inboxIds()));
        }
        if (query.channel() != null) {
            filters.add(cb.equal(conversation.get("channel"), query.channel()));
        }
        if (!query.tags().isEmpty()) {
            // Every tag: the conversations having all n of them among their tags.
            var tagged = criteria.subquery(Long.class);
            var owner = tagged.from(Conversation.class);
            var tag = owner.join("tags");
            tagged.select(owner.get("id")).where(tag.in(query.tags())).groupBy(owner.get("id"))
                    .having(cb.equal(cb.count(tag), (long) query.tags().size()));
            filters.add(conversation.get("id").in(tagged));
        }
        for (var filter : otherFilters) {
            var predicate = filter.predicate(query, cb, criteria, conversation);
            if (predicate != null) {
                filters.add(predicate);
            }
        }
        if (query.lastMessageAfter() != null) {
            filters.add(cb.greaterThan(conversation.get("activity").get("lastMessageAt"), query.lastMessageAfter()));
        }
        if (query.lastMessageBefore() != null) {
            filters.add(cb.lessThan(conversation.get("activity").get("lastMessageAt"), query.lastMessageBefore()));
        }
        if (query.text() != null) {
            filters.add(containing(query.text(), cb, criteria, conversation));
        }
        return filters.toArray(Predicate[]::new);
    }

    /**
     * A message with the text (any kind the list's reader may see: the list only shows conversations they may
     * read, notes included), or the visitor's name or e-mail; case-insensitive, the text taken literally.
     */
    private static Predicate containing(String text, CriteriaBuilder cb, AbstractQuery<?> criteria,
                                        Root<Conversation> conversation) {
        // '!' escapes: a backslash would mean something else again inside MySQL's string literals.
        var pattern = "%" + text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_")
                + "%";
        var messages = criteria.subquery(Long.class);
        var message = messages.from(Message.class);
        messages.select(message.get("id")).where(cb.equal(message.get("conversation"), conversation),
                cb.like(cb.lower(message.get("body")), pattern, '!'));
        var visitor = conversation.get("visitor");
        return cb.or(cb.exists(messages), cb.like(cb.lower(visitor.get("name")), pattern, '!'),
                cb.like(cb.lower(visitor.get("email")), pattern, '!'));
    }

    /** Plain columns only (see {@link com.switchboard.conversation.entity.AwaitedReply#rank}); the id last, so pages never overlap. */
    private static List<Order> order(ConversationQuery.Sort sort, CriteriaBuilder cb, Root<Conversation> c) {
        return switch (sort) {
            case PROCESSING_ORDER -> List.of(cb.asc(c.get("reply").get("rank")),
                    cb.asc(c.get("reply").get("deadline")), cb.asc(c.get("reply").get("since")),
                    cb.desc(c.get("activity").get("lastActivityAt")), cb.desc(c.get("id")));
            case LAST_ACTIVITY -> List.of(cb.desc(c.get("activity").get("lastActivityAt")), cb.desc(c.get("id")));
        };
    }

    private List<ConversationSummary> summaries(long agentId, List<Conversation> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        var ids = page.stream().map(Conversation::getId).toList();
        var tags = tags(ids);
        var previews = this.previews.of(ids);
        var unread = unreadCounts.of(agentId, ids);
        var now = Instant.now();
        var online = presence.onlineAmong(page.stream().map(c -> c.getVisitor().getId()).distinct().toList());
        return page.stream().map(c -> {
            var assignee = c.getAssignee();
            return new ConversationSummary(c.getId(), c.getInbox().getId(), c.getInbox().getName(), c.getChannel(),
                    c.getStatus(), assignee == null ? null : assignee.getId(),
                    assignee == null ? null : assignee.getDisplayName(), c.getVisitor().getId(),
                    label(c.getVisitor()), c.getVisitor().isIdentityVerified(),
                    online.contains(c.getVisitor().getId()), tags.getOrDefault(c.getId(), Set.of()),
                    previews.get(c.getId()), c.activity().lastMessageAt(), c.getCreatedAt(),
                    c.activity().lastActivityAt(), c.activity().firstResponseAt(), c.getReply().since(),
                    c.getReply().deadline(),
                    c.getReply().isOverdue(now),
                    unread.getOrDefault(c.getId(), 0L), c.getVersion(),
                    ConversationSummary.Ended.of(c.ended().closedAt(), c.ended().closedBy()),
                    ConversationSummary.Ended.of(c.ended().archivedAt(), c.ended().archivedBy()));
        }).toList();
    }

    private Map<Long, Set<String>> tags(List<Long> ids) {
        var tags = new HashMap<Long, Set<String>>();
        em.createQuery("SELECT c.id, t FROM Conversation c JOIN c.tags t WHERE c.id IN :ids", Object[].class)
                .setParameter("ids", ids).getResultStream()
                .forEach(row -> tags.computeIfAbsent((Long) row[0], id -> new TreeSet<>()).add((String) row[1]));
        return tags;
    }

    private static String label(Visitor visitor) {
        return visitor.label();
    }
}
