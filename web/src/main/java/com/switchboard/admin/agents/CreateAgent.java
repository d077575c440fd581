package com.switchboard.admin.agents;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Feedback;
import com.switchboard.agent.boundary.AgentAdministration;
import com.switchboard.agent.entity.Capacity;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Role;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.InboxView;
import com.switchboard.inbox.boundary.MembershipAdministration;
import com.switchboard.input.RequestRejectedException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Backs admin/agents/new: a new account with its roles and, optionally, a first inbox with a capacity. */
@Named
@ViewScoped
public class CreateAgent implements Serializable {

    static final Map<String, String> FIELDS = Map.of("agent.email", "agent:email", "agent.name", "agent:name",
            "agent.password", "agent:password", "agent.roles", "agent:roles", "agent.manage-forbidden", "agent:roles",
            "inbox.member.capacity", "agent:capacity");

    @EJB
    AgentAdministration administration;

    @EJB
    MembershipAdministration memberships;

    @EJB
    InboxService inboxes;

    @Inject
    ConsoleUser user;

    private String name;
    private String email;
    private String password;
    private Role[] roles = {Role.AGENT};
    private Long inboxId;
    private Integer capacity = Capacity.DEFAULT;
    private List<InboxView> allInboxes;

    @PostConstruct
    void load() {
        allInboxes = inboxes.all();
    }

    public String create() {
        try {
            var request = new NewAgent(email, name, password, roles.length == 0 ? EnumSet.noneOf(Role.class)
                    : EnumSet.copyOf(Arrays.asList(roles)));
            var agent = inboxId == null ? administration.create(user.id(), request)
                    : memberships.createMember(user.id(), request, inboxId, capacity == null ? 0 : capacity);
            Feedback.afterRedirect(agent.displayName() + " can sign in now.");
            return "/admin/agents/edit?faces-redirect=true&id=" + agent.id();
        } catch (RequestRejectedException refused) {
            password = null;
            Feedback.rejected(refused, FIELDS);
            return null;
        }
    }

    /** The roles this user may hand out: admins any, supervisors all but ADMIN. */
    public List<Role> getAssignableRoles() {
        return Arrays.stream(Role.values()).filter(role -> user.isAdmin() || role != Role.ADMIN).toList();
    }

    public List<InboxView> getInboxes() {
        return allInboxes;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Role[] getRoles() {
        return roles;
    }

    public void setRoles(Role[] roles) {
        this.roles = roles == null ? new Role[0] : roles;
    }

    public Long getInboxId() {
        return inboxId;
    }

    public void setInboxId(Long inboxId) {
        this.inboxId = inboxId;
    }

    public Integer getCapacity() {
        return capacity;
    }

    public void setCapacity(Integer capacity) {
        this.capacity = capacity;
    }
}
