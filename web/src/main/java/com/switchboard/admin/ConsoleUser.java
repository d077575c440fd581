package com.switchboard.admin;

import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.agent.entity.Role;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Who uses the console in this request: their name for the header, their id and rights for the pages. */
@Named
@RequestScoped
public class ConsoleUser {

    @Inject
    CallerAgent caller;

    @EJB
    AgentService agents;

    private AgentView agent;

    public long id() {
        return caller.id();
    }

    public AgentView getAgent() {
        if (agent == null) {
            agent = agents.find(caller.id());
        }
        return agent;
    }

    public boolean isAdmin() {
        return getAgent().roles().contains(Role.ADMIN);
    }
}
