package com.switchboard.agent.control;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Role;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The acting agent of a use case: active, or the use case stops with an error the caller can act on. */
@Stateless
public class ActiveAgents {

    @PersistenceContext
    EntityManager em;

    public Agent require(long agentId) {
        var agent = em.find(Agent.class, agentId);
        if (agent == null || !agent.isActive()) {
            throw RequestRejectedException.notFound("agent.unknown", "There is no active agent " + agentId + ".");
        }
        return agent;
    }

    /** Admins and supervisors look after everyone's conversations and visitors. */
    public static boolean oversees(Agent agent) {
        return agent.getRoles().contains(Role.ADMIN) || agent.getRoles().contains(Role.SUPERVISOR);
    }
}
