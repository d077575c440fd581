package com.switchboard.agent.boundary;

import com.switchboard.agent.entity.Role;
import java.util.Set;

/** An agent whose credentials were checked, with the token for their WebSockets. */
public record SignedInAgent(long id, String displayName, Set<Role> roles, String token) {
}
