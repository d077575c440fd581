package com.switchboard.agent.control;

import com.switchboard.agent.entity.Agent;
import com.switchboard.messaging.events.AgentTokensRevoked;
import com.switchboard.messaging.events.EventTopic;
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


    @EJB
    EventTopic topic;

    public void revoke(Agent agent) {
        agent.revokeTokens(Instant.now());
        topic.publish(new AgentTokensRevoked(agent.getId()));
    }
}
