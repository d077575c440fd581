package com.switchboard.agent.boundary;

import static com.switchboard.agent.boundary.AgentAdministration.mayManage;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.entity.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentAdministrationTest {

    @Test
    void adminsManageEveryone() {
        assertTrue(mayManage(Set.of(Role.ADMIN), Set.of(Role.ADMIN)));
        assertTrue(mayManage(Set.of(Role.ADMIN, Role.AGENT), Set.of(Role.SUPERVISOR, Role.AGENT)));
    }

    @Test
    void supervisorsManageAgentsAndSupervisorsButNoAdmin() {
        assertTrue(mayManage(Set.of(Role.SUPERVISOR), Set.of(Role.AGENT)));
        assertTrue(mayManage(Set.of(Role.SUPERVISOR), Set.of(Role.SUPERVISOR, Role.AGENT)));
        assertFalse(mayManage(Set.of(Role.SUPERVISOR), Set.of(Role.ADMIN)));
        assertFalse(mayManage(Set.of(Role.SUPERVISOR, Role.AGENT), Set.of(Role.AGENT, Role.ADMIN)));
    }

    @Test
    void agentsManageNobody() {
        assertFalse(mayManage(Set.of(Role.AGENT), Set.of(Role.AGENT)));
    }
}
