package com.switchboard.agent.boundary;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.agent.entity.Role;
import java.util.Set;

/** An agent account as callers see it (never the password hash); {@code publicName} null when not set. */
public record AgentView(long id, String email, String displayName, Set<Role> roles, boolean active,
                        Presence presence, Integer maxConversations, String publicName) {

    public static AgentView of(Agent agent) {
        return new AgentView(agent.getId(), agent.getEmail(), agent.getDisplayName(), agent.getRoles(),
                agent.isActive(), agent.getPresence(), agent.getMaxConversations(), agent.getPublicName());
    }
}
