package com.switchboard.inbox.boundary;

import com.switchboard.agent.control.AgentFreed;
import com.switchboard.agent.entity.Agent;
import com.switchboard.inbox.control.InboxCache;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.inbox.entity.InboxMembership;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.inbox.entity.RatingScale;
import com.switchboard.input.PublicName;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.SecureTokens;
import com.switchboard.messaging.events.EventTopic;
import com.switchboard.messaging.events.InboxChanged;
import com.switchboard.messaging.events.InboxMembersChanged;
import com.switchboard.persistence.control.CheckedFlush;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

@Stateless
public class InboxService {


    @Inject
    Event<AgentFreed> freed;

    @Inject
    InboxCache cache;

    @EJB
    EventTopic topic;

    @PersistenceContext
    EntityManager em;

    /** A new inbox with its own widget key and identity secret. */
    public InboxView create(InboxSettings settings) {
        requireFreeName(settings.name(), null);
        var inbox = new Inbox(settings, SecureTokens.random(16), SecureTokens.random(32));
        em.persist(inbox);
        CheckedFlush.flush(em, InboxService::changedMeanwhile, () -> nameTaken(settings.name()));
        return InboxView.of(inbox);
    }

    /** A new inbox and its first members with their capacities, all or nothing (the console's wizard). */
    public InboxView create(InboxSettings settings, Map<Long, Integer> capacitiesByAgent) {
        var inbox = create(settings);
        capacitiesByAgent.forEach((agentId, capacity) -> addMember(inbox.id(), agentId, capacity));
        return inbox;
    }

    /**
     * Replaces the inbox's settings (its name included) if nobody changed it since {@code expectedVersion};
     * otherwise the caller gets a conflict and should reload.
     */
    public InboxView update(long id, long expectedVersion, InboxSettings settings) {
        var inbox = existing(id);
        if (inbox.getVersion() != expectedVersion) {
            throw changedMeanwhile();
        }
        requireFreeName(settings.name(), inbox);
        inbox.configure(settings);
        CheckedFlush.flush(em, InboxService::changedMeanwhile, () -> nameTaken(settings.name()));
        changed(id);
        return InboxView.of(inbox);
    }

    /** How the inbox's widget asks for a rating after a chat (FIVE, GOOD_BAD, or NONE: not at all). */
    public InboxView changeRatingScale(long id, RatingScale scale) {
        if (scale == null) {
            throw RequestRejectedException.invalid("inbox.rating-scale", "The rating scale is FIVE, GOOD_BAD or NONE.");
        }
        var inbox = existing(id);
        inbox.rateOn(scale);
        CheckedFlush.flush(em, InboxService::changedMeanwhile, () -> nameTaken(inbox.getName()));
        changed(id);
        return InboxView.of(inbox);
    }

    /** Whether visitors get their chat's log by e-mail once it ends (where e-mail is sent and they gave an address). */
    public InboxView changeChatLogByEmail(long id, boolean byEmail) {
        var inbox = existing(id);
        inbox.sendChatLogs(byEmail);
        CheckedFlush.flush(em, InboxService::changedMeanwhile, () -> nameTaken(inbox.getName()));
        changed(id);
        return InboxView.of(inbox);
    }

    /**
     * The name every agent of the inbox writes under for its visitors ({@code NameTheVisitorSees}), or none
     * (null or blank); the same optimistic check as {@link #update}.
     */
    public InboxView nameOperator(long id, long expectedVersion, String operatorName) {
        var name = PublicName.validate(operatorName, "inbox.operator-name");
        var inbox = existing(id);
        if (inbox.getVersion() != expectedVersion) {
            throw changedMeanwhile();
        }
        inbox.nameOperator(name);
        CheckedFlush.flush(em, InboxService::changedMeanwhile, () -> nameTaken(inbox.getName()));
        changed(id);
        return InboxView.of(inbox);
    }

    /** Switches the widget off for a while (visitors cannot start or continue chats) or on again. */
    public InboxView enableWidget(long id, boolean enabled) {
        var inbox = existing(id);
        inbox.enableWidget(enabled);
        CheckedFlush.flush(em, InboxService::changedMeanwhile, () -> nameTaken(inbox.getName()));
        changed(id);
        return InboxView.of(inbox);
    }

    /**
     * The key the customer's site signs visitor identities with (see {@code VisitorService.identify}); a new one
     * each call, so a leaked key is replaced by rotating it. Inboxes from before signed identities get their
     * first one this way.
     */
    public String rotateIdentitySecret(long id) {
        var inbox = existing(id);
        var secret = SecureTokens.random(32);
        inbox.changeIdentitySecret(secret);
        CheckedFlush.flush(em, InboxService::changedMeanwhile, () -> nameTaken(inbox.getName()));
        changed(id);
        return secret;
    }

    public String identitySecret(long id) {
        return Optional.ofNullable(existing(id).getIdentitySecret()).orElseThrow(() -> RequestRejectedException
                .conflict("inbox.no-identity-secret", "This inbox has no identity secret yet: rotate it to get one."));
    }

    /** Deletes for good: the widget key never works again; the conversations stay for history. */
    public void delete(long id) {
        existing(id).delete(Instant.now());
        changed(id);
    }

    public InboxView find(long id) {
        var inbox = em.find(Inbox.class, id);
        if (inbox == null) {
            throw RequestRejectedException.notFound("inbox.unknown", "There is no inbox " + id + ".");
        }
        return InboxView.of(inbox);
    }

    public List<InboxView> all() {
        return em.createNamedQuery(Inbox.ALL, Inbox.class).getResultStream().map(InboxView::of).toList();
    }

    /** Makes an active agent a member of the inbox with a capacity of 1..100 conversations there. */
    public Member addMember(long inboxId, long agentId, int capacity) {
        var inbox = existing(inboxId);
        var agent = em.find(Agent.class, agentId);
        if (agent == null || !agent.isActive()) {
            throw RequestRejectedException.notFound("agent.unknown", "There is no active agent " + agentId + ".");
        }
        if (membership(inboxId, agentId).isPresent()) {
            throw RequestRejectedException.conflict("inbox.member.exists",
                    agent.getDisplayName() + " is already a member of " + inbox.getName() + ".");
        }
        var membership = new InboxMembership(inbox, agent, capacity);
        em.persist(membership);
        freed.fire(new AgentFreed(agentId));
        membersChanged(inboxId);
        return Member.of(membership);
    }

    public Member changeCapacity(long inboxId, long agentId, int capacity) {
        var membership = existingMembership(inboxId, agentId);
        membership.changeCapacity(capacity);
        freed.fire(new AgentFreed(agentId));
        return Member.of(membership);
    }

    /** The agent keeps the conversations they hold; they get no new ones from this inbox. */
    public void removeMember(long inboxId, long agentId) {
        em.remove(existingMembership(inboxId, agentId));
        membersChanged(inboxId);
    }

    /** The other nodes drop their cached copy of the inbox once this commits ({@link InboxCache}). */
    private void changed(long inboxId) {
        topic.publish(new InboxChanged(inboxId));
    }

    /** Each node's fan-out keeps the members it sends to; it reads them again after this commits. */
    private void membersChanged(long inboxId) {
        topic.publish(new InboxMembersChanged(inboxId));
    }

    /** Active members, by name. */
    public List<Member> members(long inboxId) {
        return em.createNamedQuery(InboxMembership.OF_INBOX, InboxMembership.class)
                .setParameter("inboxId", existing(inboxId).getId()).getResultStream().map(Member::of).toList();
    }

    /** The inboxes (not deleted) an agent belongs to, with their capacity in each, by inbox name. */
    public List<Membership> membershipsOf(long agentId) {
        return em.createQuery("SELECT m FROM InboxMembership m JOIN FETCH m.inbox i WHERE m.agent.id = :agentId "
                        + "AND i.deletedAt IS NULL ORDER BY i.name", InboxMembership.class)
                .setParameter("agentId", agentId).getResultStream()
                .map(m -> new Membership(m.getInbox().getId(), m.getInbox().getName(), m.getCapacity())).toList();
    }

    /** An inbox is online while at least one of its active members is. */
    public boolean isOnline(long inboxId) {
        return em.createNamedQuery(InboxMembership.ONLINE_MEMBERS, Long.class)
                .setParameter("inboxId", existing(inboxId).getId()).getSingleResult() > 0;
    }

    /** The inbox visitors reach by this name, if it exists and its widget is on. */
    public Inbox acceptingVisitors(String name) {
        var inbox = findByName(name).orElseThrow(() -> RequestRejectedException.notFound(
                "inbox.unknown", "There is no inbox named '" + name + "'."));
        if (!inbox.acceptsVisitors()) {
            throw RequestRejectedException.forbidden("inbox.widget-disabled",
                    "Chat is switched off for this inbox right now.");
        }
        return inbox;
    }

    public Optional<Inbox> findByName(String name) {
        var knownId = cache.idOf(name);
        if (knownId != null) {
            var known = em.find(Inbox.class, knownId);
            if (known != null && !known.isDeleted() && known.getName().equals(name)) {
                return Optional.of(known);
            }
        }
        var found = em.createNamedQuery(Inbox.BY_NAME, Inbox.class).setParameter("name", name)
                .getResultStream().findFirst();
        found.ifPresent(inbox -> cache.found(name, inbox.getId()));
        return found;
    }

    /** Active agents who belong to the inbox: the ones who see its conversations. */
    public Set<Long> memberAgentIds(long inboxId) {
        return em.createNamedQuery(InboxMembership.AGENT_IDS_OF_INBOX, Long.class)
                .setParameter("inboxId", inboxId).getResultStream().collect(Collectors.toSet());
    }

    private Inbox existing(long id) {
        var inbox = em.find(Inbox.class, id);
        if (inbox == null || inbox.isDeleted()) {
            throw RequestRejectedException.notFound("inbox.unknown", "There is no inbox " + id + ".");
        }
        return inbox;
    }

    private Optional<InboxMembership> membership(long inboxId, long agentId) {
        return em.createNamedQuery(InboxMembership.OF_INBOX_AND_AGENT, InboxMembership.class)
                .setParameter("inboxId", inboxId).setParameter("agentId", agentId).getResultStream().findFirst();
    }

    private InboxMembership existingMembership(long inboxId, long agentId) {
        existing(inboxId);
        return membership(inboxId, agentId).orElseThrow(() -> RequestRejectedException.notFound(
                "inbox.member.unknown", "Agent " + agentId + " is not a member of inbox " + inboxId + "."));
    }

    private void requireFreeName(String name, Inbox self) {
        findByName(name).filter(other -> other != self).ifPresent(other -> {
            throw nameTaken(name);
        });
    }

    private static RequestRejectedException nameTaken(String name) {
        return RequestRejectedException.conflict("inbox.name.taken",
                "There is already an inbox named '" + name + "'.");
    }

    private static RequestRejectedException changedMeanwhile() {
        return RequestRejectedException.conflict("inbox.changed",
                "Someone else changed this inbox meanwhile; reload it and try again.");
    }
}
