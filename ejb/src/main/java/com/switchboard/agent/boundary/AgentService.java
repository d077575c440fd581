package com.switchboard.agent.boundary;

import com.switchboard.agent.control.AgentFreed;
import com.switchboard.agent.control.AgentUnavailable;
import com.switchboard.agent.control.PasswordHashing;
import com.switchboard.agent.control.TokenRevocation;
import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Capacity;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.agent.entity.Role;
import com.switchboard.input.PublicName;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.events.AgentDeactivated;
import com.switchboard.messaging.events.EventTopic;
import com.switchboard.persistence.control.CheckedFlush;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Agent accounts: created, given roles and caps, deactivated (never deleted: their history stays theirs). */
@Stateless
public class AgentService {


    @EJB
    EventTopic topic;

    @EJB
    TokenRevocation revocation;

    @Inject
    Event<AgentFreed> freed;

    @Inject
    Event<AgentUnavailable> unavailable;

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHashing passwords;

    public AgentView create(NewAgent request) {
        if (!em.createNamedQuery(Agent.BY_EMAIL, Agent.class).setParameter("email", request.email())
                .getResultList().isEmpty()) {
            throw emailTaken(request.email());
        }
        var agent = new Agent(request.email(), request.displayName(), passwords.hash(request.password()),
                request.roles());
        em.persist(agent);
        CheckedFlush.flush(em, () -> emailTaken(request.email()));
        return AgentView.of(agent);
    }

    /** Whether any account exists (none only on a brand-new installation). */
    public boolean anyAccount() {
        return em.createNamedQuery(Agent.COUNT, Long.class).getSingleResult() > 0;
    }

    /** Every account, active ones first, by name. */
    public List<AgentView> all() {
        return em.createQuery("SELECT a FROM Agent a ORDER BY a.active DESC, a.displayName, a.id", Agent.class)
                .getResultStream().map(AgentView::of).toList();
    }

    public AgentView find(long id) {
        return AgentView.of(existing(id));
    }

    public AgentView changeRoles(long id, Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw RequestRejectedException.invalid("agent.roles", "An agent needs at least one role.");
        }
        var agent = existing(id);
        if (!roles.contains(Role.ADMIN)) {
            requireAnotherAdmin(agent);
        }
        agent.changeRoles(roles);
        return AgentView.of(agent);
    }

    public void resetPassword(long id, String newPassword) {
        NewAgent.validatePassword(newPassword);
        var agent = existing(id);
        agent.changePasswordHash(passwords.hash(newPassword));
        revocation.revoke(agent);
    }

    public AgentView deactivate(long id) {
        var agent = existing(id);
        requireAnotherAdmin(agent);
        agent.deactivate(Instant.now());
        revocation.revoke(agent);
        unavailable.fire(new AgentUnavailable(id));
        // Every node's fan-out forgets them as a member of its inboxes.
        topic.publish(new AgentDeactivated(id));
        return AgentView.of(agent);
    }

    public AgentView changePresence(long id, Presence presence) {
        if (presence == null) {
            throw RequestRejectedException.invalid("agent.presence", "Presence is ONLINE, AWAY or OFFLINE.");
        }
        var agent = existing(id);
        var before = agent.getPresence();
        agent.changePresence(presence, Instant.now());
        if (presence == Presence.ONLINE && before != Presence.ONLINE) {
            freed.fire(new AgentFreed(id));
        } else if (presence != Presence.ONLINE && before == Presence.ONLINE) {
            unavailable.fire(new AgentUnavailable(id));
        }
        return AgentView.of(agent);
    }

    /** The agent's cap over all inboxes (1..100), or null for none beyond the per-inbox capacities. */
    public AgentView limitConversations(long id, Integer cap) {
        var agent = existing(id);
        agent.limitConversations(cap == null ? null : Capacity.validate(cap, "agent.max-conversations"));
        freed.fire(new AgentFreed(id));
        return AgentView.of(agent);
    }

    /** The name visitors see for the agent where the inbox has no operator name; null or blank: none. */
    public AgentView namePublicly(long id, String publicName) {
        var name = PublicName.validate(publicName, "agent.public-name");
        var agent = existing(id);
        agent.namePublicly(name);
        return AgentView.of(agent);
    }

    private Agent existing(long id) {
        var agent = em.find(Agent.class, id);
        if (agent == null || !agent.isActive()) {
            throw RequestRejectedException.notFound("agent.unknown", "There is no active agent " + id + ".");
        }
        return agent;
    }

    /**
     * An installation always keeps one active admin. The admins' rows are locked so that two admins removing
     * each other at the same moment cannot both succeed.
     */
    private void requireAnotherAdmin(Agent leaving) {
        if (!leaving.getRoles().contains(Role.ADMIN)) {
            return;
        }
        long others = em.createNamedQuery(Agent.ACTIVE, Agent.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .filter(a -> !a.getId().equals(leaving.getId()) && a.getRoles().contains(Role.ADMIN))
                .count();
        if (others == 0) {
            throw RequestRejectedException.conflict("agent.last-admin",
                    "This is the last active admin; make someone else an admin first.");
        }
    }

    private static RequestRejectedException emailTaken(String email) {
        return RequestRejectedException.conflict("agent.email.taken",
                "There is already an agent with the e-mail address " + email + ".");
    }
}
