package com.switchboard.agent.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class NewAgentTest {

    private static final String PASSWORD = "long enough";

    @Test
    void emailAddressesAreComparedWithoutCaseOrBlanks() {
        var agent = new NewAgent("  Ada.Lovelace@Example.COM ", " Ada ", PASSWORD, Set.of(Role.AGENT));

        assertEquals("ada.lovelace@example.com", agent.email());
        assertEquals("Ada", agent.displayName());
    }

    @Test
    void everyFieldHasItsRule() {
        rejected("agent.email", () -> new NewAgent("not-an-address", "Ada", PASSWORD, Set.of(Role.AGENT)));
        rejected("agent.email", () -> new NewAgent("a@b", "Ada", PASSWORD, Set.of(Role.AGENT)));
        rejected("agent.name", () -> new NewAgent("a@b.c", " ", PASSWORD, Set.of(Role.AGENT)));
        rejected("agent.name", () -> new NewAgent("a@b.c", "n".repeat(101), PASSWORD, Set.of(Role.AGENT)));
        rejected("agent.password", () -> new NewAgent("a@b.c", "Ada", "too short", Set.of(Role.AGENT)));
        rejected("agent.password", () -> new NewAgent("a@b.c", "Ada", "p".repeat(201), Set.of(Role.AGENT)));
        rejected("agent.roles", () -> new NewAgent("a@b.c", "Ada", PASSWORD, Set.of()));
    }

    @Test
    void capacitiesAreOneToAHundred() {
        assertEquals(1, Capacity.validate(1, "c"));
        assertEquals(100, Capacity.validate(100, "c"));
        rejected("c", () -> Capacity.validate(0, "c"));
        rejected("c", () -> Capacity.validate(101, "c"));
    }

    private static void rejected(String code, Executable creation) {
        var e = assertThrows(RequestRejectedException.class, creation);
        assertEquals(code, e.code());
        assertEquals(RequestRejectedException.Kind.INVALID, e.kind());
    }
}
