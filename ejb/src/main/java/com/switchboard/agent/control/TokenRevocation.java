package com.switchboard.agent.control;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.agent.entity.Agent;
import com.switchboard.platform.control.EventTopic;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Instant;

/**
 * Ends every token of an agent: those issued until now are refused on every node from the commit on (each check
 * reads the agent's row), and every node closes the agent's sockets when the commit's {@value #TYPE} event
 * reaches it. A password reset, a deactivation and a sign-out do this.
 */
@Stateless
public class TokenRevocation {

    /** The events topic's type (body: the {@code agentId}). */
    public static final String TYPE = "agent.tokens-revoked";

    @EJB
    EventTopic topic;

    public void revoke(Agent agent) {
        agent.revokeTokens(Instant.now());
        topic.publish(TYPE, JSON.createObjectBuilder().add("agentId", agent.getId()).build());
    }
}
