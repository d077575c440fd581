package com.switchboard.customer.boundary;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Role;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.customer.control.CustomerChanges;
import com.switchboard.customer.control.TagCreationRule;
import com.switchboard.customer.entity.CustomerTag;
import com.switchboard.customer.entity.CustomerTagging;
import com.switchboard.customer.entity.NewCustomerTag;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.persistence.control.CheckedFlush;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Comparator;
import java.util.List;

/**
 * The catalogue of customer tags as admins keep it (the admin console's page): each tag with how many customers
 * carry it; renamed or recoloured with the version read; deleted, which takes it off every customer carrying it;
 * and whether agents may create tags too. Admins change it, supervisors read it. Creating a tag is
 * {@link CustomerTags#create}, the same for the card and the page. The consoles hear of every change once it
 * commits, and read the catalogue and their open cards again.
 */
@Stateless
public class CustomerTagCatalogue {

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationGuard guard;

    @EJB
    TagCreationRule rule;

    @Inject
    CustomerChanges changes;

    /** Every tag by name, with how many customers carry it. */
    public List<CatalogueTag> list(long agentId) {
        requireOverseer(agentId);
        var customers = CustomerTags.counts(em.createNamedQuery(CustomerTagging.CUSTOMERS_BY_TAG, Object[].class)
                .getResultList());
        return em.createQuery("SELECT t FROM CustomerTag t", CustomerTag.class).getResultStream()
                .map(tag -> view(tag, customers.getOrDefault(tag.getId(), 0L)))
                .sorted(Comparator.comparing(CatalogueTag::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public CatalogueTag find(long agentId, long tagId) {
        requireOverseer(agentId);
        return view(existing(tagId), customersOf(tagId));
    }

    /** A new name and colour for the tag, unless someone changed it since {@code version} was read. */
    public CatalogueTag change(long adminId, long tagId, long version, NewCustomerTag changed) {
        requireAdmin(adminId);
        var tag = existing(tagId);
        if (tag.getVersion() != version) {
            throw changedMeanwhile();
        }
        var sameName = em.createNamedQuery(CustomerTag.BY_KEY, CustomerTag.class)
                .setParameter("key", CustomerTag.key(changed.name())).getResultStream()
                .anyMatch(other -> !other.getId().equals(tag.getId()));
        if (sameName) {
            throw CustomerTags.exists(changed.name());
        }
        tag.change(changed);
        CheckedFlush.flush(em, CustomerTagCatalogue::changedMeanwhile, () -> CustomerTags.exists(changed.name()));
        changes.catalogue();
        return view(tag, customersOf(tagId));
    }

    /** Deletes the tag and takes it off every customer who carries it; returns how many did. */
    public long delete(long adminId, long tagId) {
        requireAdmin(adminId);
        var tag = em.find(CustomerTag.class, tagId, LockModeType.PESSIMISTIC_WRITE);
        if (tag == null) {
            throw CustomerTags.unknownTag(tagId);
        }
        long carried = em.createNamedQuery(CustomerTagging.DELETE_OF_TAG).setParameter("tagId", tagId).executeUpdate();
        em.remove(tag);
        em.flush();
        changes.catalogue();
        return carried;
    }

    /** Whether agents may create tags from the customer card (admins always may). */
    public boolean agentsCreate(long agentId) {
        requireOverseer(agentId);
        return rule.agentsCreate();
    }

    public void agentsCreate(long adminId, boolean allowed) {
        requireAdmin(adminId);
        rule.agentsCreate(allowed);
        changes.catalogue();
    }

    private long customersOf(long tagId) {
        return em.createNamedQuery(CustomerTagging.COUNT_OF_TAG, Long.class).setParameter("tagId", tagId)
                .getSingleResult();
    }

    private CustomerTag existing(long tagId) {
        var tag = em.find(CustomerTag.class, tagId);
        if (tag == null) {
            throw CustomerTags.unknownTag(tagId);
        }
        return tag;
    }

    private static CatalogueTag view(CustomerTag tag, long customers) {
        return new CatalogueTag(tag.getId(), tag.getName(), tag.getColour(), customers, tag.getVersion());
    }

    private void requireAdmin(long agentId) {
        if (!guard.activeAgent(agentId).getRoles().contains(Role.ADMIN)) {
            throw RequestRejectedException.forbidden("customer-tag.admins-only",
                    "Only admins change the catalogue of customer tags.");
        }
    }

    private void requireOverseer(long agentId) {
        Agent agent = guard.activeAgent(agentId);
        if (!agent.getRoles().contains(Role.ADMIN) && !agent.getRoles().contains(Role.SUPERVISOR)) {
            throw RequestRejectedException.forbidden("customer-tag.admins-only",
                    "The catalogue's page is for admins and supervisors.");
        }
    }

    private static RequestRejectedException changedMeanwhile() {
        return RequestRejectedException.conflict("customer-tag.changed",
                "Someone changed this tag meanwhile: reload and try again.");
    }
}
