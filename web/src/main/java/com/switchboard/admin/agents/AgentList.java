package com.switchboard.admin.agents;

import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.routing.boundary.LiveQueues;
import com.switchboard.routing.boundary.LiveQueues.AgentLoad;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Backs admin/agents/index: every account with roles, presence and, for those online or away, their load. */
@Named
@RequestScoped
public class AgentList {

    @EJB
    AgentService agents;

    @EJB
    LiveQueues queues;

    private List<AgentView> accounts;
    private Map<Long, AgentLoad> loads;

    @PostConstruct
    void load() {
        accounts = agents.all();
        loads = queues.agents().stream().collect(Collectors.toMap(AgentLoad::agentId, Function.identity()));
    }

    public String loadOf(AgentView agent) {
        var load = loads.get(agent.id());
        return load == null ? "–" : load.limit() == 0 ? String.valueOf(load.load()) : load.load() + " / " + load.limit();
    }

    public String rolesOf(AgentView agent) {
        return agent.roles().stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }

    public List<AgentView> getAccounts() {
        return accounts;
    }
}
