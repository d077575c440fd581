package com.switchboard.customer.boundary;

import com.switchboard.agent.entity.Role;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.ConversationVisibility;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.customer.control.CardCustomer;
import com.switchboard.customer.control.CustomerChanges;
import com.switchboard.customer.control.TagCreationRule;
import com.switchboard.customer.entity.CustomerTag;
import com.switchboard.customer.entity.CustomerTagging;
import com.switchboard.customer.entity.NewCustomerTag;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.persistence.control.CheckedFlush;
import com.switchboard.visitor.entity.Visitor;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Customer tags: the catalogue (admins create tags, agents too where admins allow it: {@link TagCreationRule}) and
 * the tags a customer carries, added, removed and pinned from the card of one of their conversations by whoever may
 * read it. Every change reaches the open cards once it commits ({@link CustomerChanges}).
 */
@Stateless
public class CustomerTags {

    /** Tags one customer carries at most. */
    public static final int MAX_PER_CUSTOMER = 10;
    /** Tags of the catalogue at most: a picker, not a database of words. */
    public static final int MAX_CATALOGUE = 200;

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationGuard guard;

    @EJB
    CardCustomer customers;

    @EJB
    TagCreationRule rule;

    @Inject
    CustomerChanges changes;

    /**
     * The catalogue as the agent's picker shows it: every tag with how many of the conversations the agent may read
     * carry it through their customer, most first (then by name). {@code pinnedOnly}: only where it is pinned, and
     * only the tags pinned on some such conversation. One grouped join whatever the number of tags.
     */
    public List<CustomerTagView> catalogue(long agentId, boolean pinnedOnly) {
        var agent = guard.activeAgent(agentId);
        var cb = em.getCriteriaBuilder();
        var counting = cb.createQuery(Object[].class);
        var conversation = counting.from(Conversation.class);
        var tagging = counting.from(CustomerTagging.class);
        var where = new ArrayList<Predicate>(List.of(
                cb.equal(tagging.get("visitorId"), conversation.get("visitor").get("id")),
                cb.isNull(conversation.get("customerCard").get("unpinnedAt")),
                ConversationVisibility.readableBy(agent, cb, counting, conversation)));
        if (pinnedOnly) {
            where.add(cb.isTrue(tagging.get("pinned")));
        }
        counting.multiselect(tagging.get("tagId"), cb.count(conversation)).where(where.toArray(Predicate[]::new))
                .groupBy(tagging.get("tagId"));
        var conversations = counts(em.createQuery(counting).getResultList());
        var pinnedBy = counts(em.createNamedQuery(CustomerTagging.PINNED_BY_TAG, Object[].class).getResultList());
        return em.createQuery("SELECT t FROM CustomerTag t", CustomerTag.class).getResultStream()
                .filter(tag -> !pinnedOnly || conversations.containsKey(tag.getId()))
                .map(tag -> new CustomerTagView(tag.getId(), tag.getName(), tag.getColour(),
                        conversations.getOrDefault(tag.getId(), 0L), pinnedBy.getOrDefault(tag.getId(), 0L)))
                .sorted(Comparator.comparingLong(CustomerTagView::conversations).reversed()
                        .thenComparing(CustomerTagView::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** Rows of (tag id, count) as a map. */
    static Map<Long, Long> counts(List<Object[]> rows) {
        var counts = new HashMap<Long, Long>();
        rows.forEach(row -> counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
        return counts;
    }

    /**
     * The pinned tags of the customers of these conversations, by conversation (none for a conversation unpinned
     * from its customer): what the lists show under the customer's name.
     */
    public Map<Long, List<CardTag>> pinnedOf(Collection<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        var pinned = new HashMap<Long, List<CardTag>>();
        em.createQuery("SELECT c.id, t FROM Conversation c, CustomerTagging g, CustomerTag t WHERE c.id IN :ids "
                        + "AND c.customerCard.unpinnedAt IS NULL AND g.visitorId = c.visitor.id AND g.pinned = TRUE "
                        + "AND t.id = g.tagId ORDER BY g.addedAt, t.id", Object[].class)
                .setParameter("ids", conversationIds).getResultStream().forEach(row -> {
                    var tag = (CustomerTag) row[1];
                    pinned.computeIfAbsent((Long) row[0], id -> new ArrayList<>())
                            .add(new CardTag(tag.getId(), tag.getName(), tag.getColour(), true));
                });
        return pinned;
    }

    /**
     * A list filter names tags that exist: one deleted meanwhile is said (the console drops it from its filter), not
     * taken for a filter nobody passes.
     */
    public void requireKnown(Collection<Long> tagIds) {
        if (!tagIds.isEmpty() && em.createNamedQuery(CustomerTag.COUNT_OF_IDS, Long.class)
                .setParameter("ids", tagIds).getSingleResult() < tagIds.size()) {
            throw RequestRejectedException.invalid("conversations.customer-tag-unknown",
                    "A customer tag of this filter does not exist (any more): choose the tags again.");
        }
    }

    /** Whether the agent may add tags to the catalogue: admins, and agents too where admins allow it. */
    public boolean mayCreate(long agentId) {
        return guard.activeAgent(agentId).getRoles().contains(Role.ADMIN) || rule.agentsCreate();
    }

    public CustomerTagView create(long agentId, NewCustomerTag request) {
        if (!mayCreate(agentId)) {
            throw RequestRejectedException.forbidden("customer-tag.create-forbidden",
                    "Only admins create customer tags here.");
        }
        if (em.createNamedQuery(CustomerTag.COUNT, Long.class).getSingleResult() >= MAX_CATALOGUE) {
            throw RequestRejectedException.conflict("customer-tag.catalogue-full",
                    "There are " + MAX_CATALOGUE + " customer tags already.");
        }
        if (!em.createNamedQuery(CustomerTag.BY_KEY, CustomerTag.class)
                .setParameter("key", CustomerTag.key(request.name())).getResultList().isEmpty()) {
            throw exists(request.name());
        }
        var tag = new CustomerTag(request, agentId, Instant.now());
        em.persist(tag);
        CheckedFlush.flush(em, () -> exists(request.name()));
        changes.catalogue();
        return new CustomerTagView(tag.getId(), tag.getName(), tag.getColour(), 0, 0);
    }

    /** Adds the tag to the conversation's customer (nothing if they carry it); returns the customer's tags. */
    public List<CardTag> add(long agentId, long conversationId, long tagId) {
        long visitorId = lockedCustomer(agentId, conversationId);
        requireTag(tagId);
        if (em.find(CustomerTagging.class, new CustomerTagging.Key(visitorId, tagId)) == null) {
            if (em.createNamedQuery(CustomerTagging.COUNT_OF_VISITOR, Long.class).setParameter("visitorId", visitorId)
                    .getSingleResult() >= MAX_PER_CUSTOMER) {
                throw RequestRejectedException.invalid("customer.tags",
                        "A customer carries at most " + MAX_PER_CUSTOMER + " tags.");
            }
            em.persist(new CustomerTagging(visitorId, tagId, agentId, Instant.now()));
            // The tag deleted meanwhile: its row is gone by the time ours is checked against it.
            CheckedFlush.flush(em, () -> unknownTag(tagId));
            changes.customer(visitorId);
        }
        return customers.tagsOf(visitorId);
    }

    /** Takes the tag off the conversation's customer (nothing if they do not carry it). */
    public List<CardTag> remove(long agentId, long conversationId, long tagId) {
        long visitorId = lockedCustomer(agentId, conversationId);
        requireTag(tagId);
        var tagging = em.find(CustomerTagging.class, new CustomerTagging.Key(visitorId, tagId));
        if (tagging != null) {
            em.remove(tagging);
            em.flush();
            changes.customer(visitorId);
        }
        return customers.tagsOf(visitorId);
    }

    /** Pins a tag the customer carries (it shows under their name in the lists), or unpins it. */
    public List<CardTag> pin(long agentId, long conversationId, long tagId, boolean pinned) {
        long visitorId = lockedCustomer(agentId, conversationId);
        requireTag(tagId);
        var tagging = em.find(CustomerTagging.class, new CustomerTagging.Key(visitorId, tagId));
        if (tagging == null) {
            throw RequestRejectedException.notFound("customer-tag.not-carried",
                    "The customer does not carry this tag: add it first.");
        }
        if (tagging.isPinned() != pinned) {
            tagging.pin(pinned);
            changes.customer(visitorId);
        }
        return customers.tagsOf(visitorId);
    }

    /** The customer, with their row locked: concurrent edits of one card are counted one after the other. */
    private long lockedCustomer(long agentId, long conversationId) {
        long visitorId = customers.of(agentId, conversationId);
        em.find(Visitor.class, visitorId, LockModeType.PESSIMISTIC_WRITE);
        return visitorId;
    }

    private void requireTag(long tagId) {
        if (em.find(CustomerTag.class, tagId) == null) {
            throw unknownTag(tagId);
        }
    }

    static RequestRejectedException unknownTag(long tagId) {
        return RequestRejectedException.notFound("customer-tag.unknown", "There is no customer tag " + tagId + ".");
    }

    static RequestRejectedException exists(String name) {
        return RequestRejectedException.conflict("customer-tag.exists", "There is a tag " + name + " already.");
    }
}
