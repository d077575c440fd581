package com.switchboard.agent.control;

import com.switchboard.persistence.control.InstallationSettings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The installation's key for agents' tokens, read from the database once per node: {@code FirstStart} creates it
 * and nothing changes it, while every agent's socket and every API call checks a token with it.
 */
@ApplicationScoped
public class AgentTokenKey {

    /** The installation setting that holds the key (made by {@code FirstStart}). */
    public static final String SETTING = "agent-token-key";

    @EJB
    InstallationSettings settings;

    private volatile AgentTokens tokens;

    public AgentTokens tokens() {
        var known = tokens;
        if (known == null) {
            var key = settings.find(SETTING).orElseThrow(() -> new IllegalStateException(
                    "No agent-token key: FirstStart creates it when the application starts"));
            known = new AgentTokens(key.getBytes(StandardCharsets.US_ASCII), Clock.systemUTC());
            tokens = known;
        }
        return known;
    }
}
