package com.switchboard.conversation.boundary;

import com.switchboard.agent.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may delete conversations: agents with one of the roles of {@code switchboard.conversations.delete-roles} (ADMIN
 * by default). The console offers Delete only to them, and {@link ConversationLifecycle#delete} refuses anyone
 * else.
 */
@ApplicationScoped
public class DeleteRights {

    @Inject
    @ConfigProperty(name = "switchboard.conversations.delete-roles", defaultValue = "ADMIN")
    Set<String> roles;

    /** The roles that may, for the refusal's message. */
    public Set<String> roles() {
        return roles;
    }

    public boolean allowed(Collection<Role> agentRoles) {
        return agentRoles.stream().anyMatch(role -> roles.contains(role.name()));
    }
}
