package com.switchboard.agent.boundary;

import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Role;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.Member;
import com.switchboard.platform.boundary.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Set;

/**
 * Accounts as the admin console manages them, with who may: admins manage everyone, supervisors manage agents and
 * supervisors but never an admin (nor make anyone one), agents nobody.
 */
@Stateless
public class AgentAdministration {

    @EJB
    AgentService agents;

    @EJB
    InboxService inboxes;

    public AgentView create(long actorId, NewAgent request) {
        requireMayManage(actorId, request.roles());
        return agents.create(request);
    }

    /** A new account that is at once a member of an inbox, all or nothing. */
    public AgentView create(long actorId, NewAgent request, long inboxId, int capacity) {
        var agent = create(actorId, request);
        inboxes.addMember(inboxId, agent.id(), capacity);
        return agent;
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

    /** An agent's place in an inbox is theirs to manage too: supervisors add, change and remove no admin's. */
    public Member addMember(long actorId, long inboxId, long agentId, int capacity) {
        requireMayManage(actorId, agents.find(agentId).roles());
        return inboxes.addMember(inboxId, agentId, capacity);
    }

    public Member changeCapacity(long actorId, long inboxId, long agentId, int capacity) {
        requireMayManage(actorId, agents.find(agentId).roles());
        return inboxes.changeCapacity(inboxId, agentId, capacity);
    }

    public void removeMember(long actorId, long inboxId, long agentId) {
        requireMayManage(actorId, agents.find(agentId).roles());
        inboxes.removeMember(inboxId, agentId);
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
            throw RequestRejectedException.forbidden("agent.manage-forbidden",
                    "Only admins manage admins; supervisors manage agents and supervisors.");
        }
    }
}
