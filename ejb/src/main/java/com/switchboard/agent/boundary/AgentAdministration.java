package com.switchboard.agent.boundary;

import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Role;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Set;

/**
 * Accounts as the admin console manages them, with who may: admins manage everyone, supervisors manage agents and
 * supervisors but never an admin (nor make anyone one), agents nobody. Their inbox memberships:
 * {@code MembershipAdministration}.
 */
@Stateless
public class AgentAdministration {

    @EJB
    AgentService agents;

    public AgentView create(long actorId, NewAgent request) {
        requireMayManage(actorId, request.roles());
        return agents.create(request);
    }

    public AgentView changeRoles(long actorId, long agentId, Set<Role> roles) {
        requireMayManage(actorId, agents.find(agentId).roles());
        requireMayManage(actorId, roles == null ? Set.of() : roles);
        return agents.changeRoles(agentId, roles);
    }

    public void resetPassword(long actorId, long agentId, String newPassword) {
        requireMayManage(actorId, agents.find(agentId).roles());
        agents.resetPassword(agentId, newPassword);
    }

    public AgentView limitConversations(long actorId, long agentId, Integer cap) {
        requireMayManage(actorId, agents.find(agentId).roles());
        return agents.limitConversations(agentId, cap);
    }

    public AgentView namePublicly(long actorId, long agentId, String publicName) {
        requireMayManage(actorId, agents.find(agentId).roles());
        return agents.namePublicly(agentId, publicName);
    }

    public AgentView deactivate(long actorId, long agentId) {
        if (actorId == agentId) {
            throw RequestRejectedException.conflict("agent.self", "You cannot deactivate your own account.");
        }
        requireMayManage(actorId, agents.find(agentId).roles());
        return agents.deactivate(agentId);
    }

    /** Whether the actor may manage an account with these roles. */
    public boolean mayManage(long actorId, Set<Role> roles) {
        return mayManage(agents.find(actorId).roles(), roles);
    }

    static boolean mayManage(Set<Role> actor, Set<Role> target) {
        if (actor.contains(Role.ADMIN)) {
            return true;
        }
        return actor.contains(Role.SUPERVISOR) && !target.contains(Role.ADMIN);
    }

    private void requireMayManage(long actorId, Set<Role> roles) {
        if (!mayManage(actorId, roles)) {
            throw manageForbidden();
        }
    }

    public static RequestRejectedException manageForbidden() {
        return RequestRejectedException.forbidden("agent.manage-forbidden",
                "Only admins manage admins; supervisors manage agents and supervisors.");
    }
}
