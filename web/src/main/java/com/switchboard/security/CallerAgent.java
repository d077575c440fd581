package com.switchboard.security;

import com.switchboard.platform.boundary.RequestRejectedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

/** The agent a request of the agent API comes from, as {@link AgentTokenMechanism} authenticated them. */
@RequestScoped
public class CallerAgent {

    @Inject
    SecurityContext security;

    public long id() {
        var principal = security.getCallerPrincipal();
        if (principal == null) {
            throw RequestRejectedException.forbidden("auth.required", "Sign in first.");
        }
        return Long.parseLong(principal.getName());
    }
}
