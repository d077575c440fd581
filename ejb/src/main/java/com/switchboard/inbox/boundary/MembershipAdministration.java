package com.switchboard.inbox.boundary;

import com.switchboard.agent.boundary.AgentAdministration;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.agent.entity.NewAgent;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/**
 * Inbox memberships as the admin console manages them: an agent's place in an inbox is theirs to manage too, so
 * whoever may not manage the agent's account (a supervisor and an admin's account) may not change it either.
 */
@Stateless
public class MembershipAdministration {

    @EJB
    AgentAdministration administration;

    @EJB
    AgentService agents;

    @EJB
    InboxService inboxes;

    /** A new account that is at once a member of an inbox, all or nothing. */
    public AgentView createMember(long actorId, NewAgent request, long inboxId, int capacity) {
        var agent = administration.create(actorId, request);
        inboxes.addMember(inboxId, agent.id(), capacity);
        return agent;
    }

    public Member addMember(long actorId, long inboxId, long agentId, int capacity) {
        requireMayManage(actorId, agentId);
        return inboxes.addMember(inboxId, agentId, capacity);
    }

    public Member changeCapacity(long actorId, long inboxId, long agentId, int capacity) {
        requireMayManage(actorId, agentId);
        return inboxes.changeCapacity(inboxId, agentId, capacity);
    }

    public void removeMember(long actorId, long inboxId, long agentId) {
        requireMayManage(actorId, agentId);
        inboxes.removeMember(inboxId, agentId);
    }

    private void requireMayManage(long actorId, long agentId) {
        if (!administration.mayManage(actorId, agents.find(agentId).roles())) {
            throw AgentAdministration.manageForbidden();
        }
    }
}
