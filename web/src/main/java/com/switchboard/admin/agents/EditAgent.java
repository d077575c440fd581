package com.switchboard.admin.agents;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Feedback;
import com.switchboard.agent.boundary.AgentAdministration;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.agent.entity.Capacity;
import com.switchboard.agent.entity.Role;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.InboxView;
import com.switchboard.inbox.boundary.Membership;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.routing.boundary.LiveQueues;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Backs admin/agents/edit?id=: roles, the cap over all inboxes, memberships with their capacities, a new password,
 * deactivation. Whoever may not manage this account (a supervisor looking at an admin) reads it only; the
 * boundary refuses the changes anyway.
 */
@Named
@ViewScoped
public class EditAgent implements Serializable {

    @EJB
    AgentService agents;

    @EJB
    AgentAdministration administration;

    @EJB
    InboxService inboxes;

    @EJB
    LiveQueues queues;

    @Inject
    ConsoleUser user;

    private Long id;
    private AgentView agent;
    private boolean manageable;
    private Role[] roles;
    private Integer maxConversations;
    private List<Membership> memberships;
    private Map<Long, Integer> capacities;
    private Map<Long, Long> heldByInbox;
    private List<InboxView> otherInboxes;
    private Long newInboxId;
    private Integer newCapacity = Capacity.DEFAULT;
    private String newPassword;

    public String load() {
        try {
            agent = agents.find(id == null ? -1 : id);
        } catch (RequestRejectedException unknown) {
            Feedback.afterRedirect(id == null ? "There is no such agent." : "There is no active agent " + id + ".");
            return "/admin/agents/index?faces-redirect=true";
        }
        manageable = administration.mayManage(user.id(), agent.roles());
        roles = agent.roles().stream().sorted().toArray(Role[]::new);
        maxConversations = agent.maxConversations();
        memberships = inboxes.membershipsOf(agent.id());
        capacities = new HashMap<>();
        heldByInbox = new HashMap<>();
        memberships.forEach(m -> {
            capacities.put(m.inboxId(), m.capacity());
            heldByInbox.put(m.inboxId(), queues.heldIn(m.inboxId()).getOrDefault(agent.id(), 0L));
        });
        var memberOf = memberships.stream().map(Membership::inboxId).collect(Collectors.toSet());
        otherInboxes = inboxes.all().stream().filter(i -> !memberOf.contains(i.id())).toList();
        return null;
    }

    public String saveRoles() {
        try {
            administration.changeRoles(user.id(), agent.id(),
                    roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(Arrays.asList(roles)));
            administration.limitConversations(user.id(), agent.id(), maxConversations);
            Feedback.afterRedirect("Saved " + agent.displayName() + "'s roles and limit.");
            return self();
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of("agent.roles", "account:roles", "agent.last-admin", "account:roles",
                    "agent.manage-forbidden", "account:roles", "agent.max-conversations", "account:max"));
            return null;
        }
    }

    public String changeCapacity(long inboxId) {
        var capacity = capacities.get(inboxId);
        try {
            requireManageable();
            inboxes.changeCapacity(inboxId, agent.id(), capacity == null ? 0 : capacity);
            Feedback.afterRedirect("Capacity saved.");
            if (heldByInbox.getOrDefault(inboxId, 0L) > (capacity == null ? 0 : capacity)) {
                Feedback.warningAfterRedirect(agent.displayName() + " holds " + heldByInbox.get(inboxId)
                        + " conversations there, more than the new capacity: they keep them, and get new ones once "
                        + "below it.");
            }
            return self();
        } catch (RequestRejectedException refused) {
            var row = memberships.stream().map(Membership::inboxId).toList().indexOf(inboxId);
            Feedback.error("memberships:list:" + row + ":capacity", refused.getMessage());
            return null;
        }
    }

    public String leave(long inboxId) {
        try {
            requireManageable();
            inboxes.removeMember(inboxId, agent.id());
            Feedback.afterRedirect(agent.displayName() + " left the inbox; they keep the conversations they hold.");
            return self();
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
            return null;
        }
    }

    public String join() {
        if (newInboxId == null) {
            Feedback.error("memberships:inbox", "Choose the inbox.");
            return null;
        }
        try {
            requireManageable();
            inboxes.addMember(newInboxId, agent.id(), newCapacity == null ? 0 : newCapacity);
            Feedback.afterRedirect(agent.displayName() + " joined the inbox.");
            return self();
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of("inbox.member.capacity", "memberships:capacity",
                    "inbox", "memberships:inbox"));
            return null;
        }
    }

    public String resetPassword() {
        try {
            administration.resetPassword(user.id(), agent.id(), newPassword);
            Feedback.afterRedirect("New password set: tell " + agent.displayName() + " through a safe channel.");
            return self();
        } catch (RequestRejectedException refused) {
            newPassword = null;
            Feedback.rejected(refused, Map.of("agent.password", "password:newPassword"));
            return null;
        }
    }

    public String deactivate() {
        try {
            administration.deactivate(user.id(), agent.id());
            Feedback.afterRedirect(agent.displayName() + " is deactivated: they cannot sign in; their history stays.");
            return "/admin/agents/index?faces-redirect=true";
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
            return null;
        }
    }

    private void requireManageable() {
        if (!manageable) {
            throw RequestRejectedException.forbidden("agent.manage-forbidden",
                    "Only admins manage admins; supervisors manage agents and supervisors.");
        }
    }

    private String self() {
        return "/admin/agents/edit?faces-redirect=true&id=" + agent.id();
    }

    public long heldIn(long inboxId) {
        return heldByInbox.getOrDefault(inboxId, 0L);
    }

    public List<Role> getAssignableRoles() {
        return Arrays.stream(Role.values()).filter(role -> user.isAdmin() || role != Role.ADMIN).toList();
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public AgentView getAgent() {
        return agent;
    }

    public boolean isManageable() {
        return manageable;
    }

    public Role[] getRoles() {
        return roles;
    }

    public void setRoles(Role[] roles) {
        this.roles = roles == null ? new Role[0] : roles;
    }

    public Integer getMaxConversations() {
        return maxConversations;
    }

    public void setMaxConversations(Integer maxConversations) {
        this.maxConversations = maxConversations;
    }

    public List<Membership> getMemberships() {
        return memberships;
    }

    public Map<Long, Integer> getCapacities() {
        return capacities;
    }

    public List<InboxView> getOtherInboxes() {
        return otherInboxes;
    }

    public Long getNewInboxId() {
        return newInboxId;
    }

    public void setNewInboxId(Long newInboxId) {
        this.newInboxId = newInboxId;
    }

    public Integer getNewCapacity() {
        return newCapacity;
    }

    public void setNewCapacity(Integer newCapacity) {
        this.newCapacity = newCapacity;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }
}
