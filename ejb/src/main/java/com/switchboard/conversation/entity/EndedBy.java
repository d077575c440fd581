package com.switchboard.conversation.entity;

import com.switchboard.agent.entity.Agent;
import java.util.Objects;

/**
 * Who closed or archived a conversation: an agent in the console, an admin in the admin console (both with their
 * id and their name as it was then), the visitor, the inbox's inactivity rule, or a legacy system over JMS.
 */
public record EndedBy(Kind kind, Long agentId, String name) {

    public enum Kind {
        /** An agent (a supervisor, an admin) in the agent console or through the API. */
        AGENT,
        /** An admin or a supervisor in the admin console. */
        ADMIN,
        VISITOR,
        /** The inbox's inactivity rule. */
        INACTIVITY,
        /** A legacy system, through the inbound JMS queue. */
        SYSTEM
    }

    public static final EndedBy VISITOR = new EndedBy(Kind.VISITOR, null, null);
    public static final EndedBy INACTIVITY = new EndedBy(Kind.INACTIVITY, null, null);
    public static final EndedBy SYSTEM = new EndedBy(Kind.SYSTEM, null, null);

    public EndedBy {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.AGENT || kind == Kind.ADMIN) != (agentId != null && name != null)) {
            throw new IllegalArgumentException("An agent's id and name go with AGENT and ADMIN, and only with them");
        }
    }

    public static EndedBy agent(Agent agent) {
        return new EndedBy(Kind.AGENT, agent.getId(), agent.getDisplayName());
    }

    public static EndedBy admin(Agent agent) {
        return new EndedBy(Kind.ADMIN, agent.getId(), agent.getDisplayName());
    }

    /** From the stored columns; null when nobody is recorded (not ended, or ended before this was kept). */
    public static EndedBy of(Kind kind, Long agentId, String name) {
        return kind == null ? null : new EndedBy(kind, agentId, name);
    }

    /** How people read it after "Closed by": "Anna", "Anna (admin console)", "the visitor", ... */
    public String label() {
        return switch (kind) {
            case AGENT -> name;
            case ADMIN -> name + " (admin console)";
            case VISITOR -> "the visitor";
            case INACTIVITY -> "the inactivity rule";
            case SYSTEM -> "a legacy system (JMS)";
        };
    }
}
