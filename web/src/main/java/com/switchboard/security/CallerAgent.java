package com.switchboard.security;

import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.Role;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

/** The agent a request of the agent API comes from, as {@link AgentTokenMechanism} authenticated them. */
@RequestScoped
public class CallerAgent {

    @Inject
    SecurityContext security;

    @EJB
    AgentService agents;

    /** The caller, who must be an admin: for installation-wide settings. */
    public long adminId() {
        var id = id();
        if (!agents.find(id).roles().contains(Role.ADMIN)) {
            throw RequestRejectedException.forbidden("auth.admin-only", "Only admins may do this.");
        }
        return id;
    }

    public long id() {
        var principal = security.getCallerPrincipal();
        if (principal == null) {
            throw RequestRejectedException.forbidden("auth.required", "Sign in first.");
        }
        return Long.parseLong(principal.getName());
    }
}
