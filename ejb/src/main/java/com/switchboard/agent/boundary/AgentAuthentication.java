package com.switchboard.agent.boundary;

import com.switchboard.agent.control.AgentTokens;
import com.switchboard.agent.control.PasswordHashing;
import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.platform.boundary.RequestRejectedException;
import com.switchboard.platform.control.InstallationSettings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

@Stateless
public class AgentAuthentication {

    public static final String TOKEN_KEY = "agent-token-key";
    static final Duration TOKEN_VALIDITY = Duration.ofHours(12);

    @PersistenceContext
    EntityManager em;

    @EJB
    InstallationSettings settings;

    @Inject
    PasswordHashing passwords;

    public SignedInAgent signIn(String email, String password) {
        var agent = withCredentials(email, password);
        var token = tokens().issue(agent.getId(), TOKEN_VALIDITY);
        return new SignedInAgent(agent.getId(), agent.getDisplayName(), agent.getRoles(), token);
    }

    /** The active agent with these credentials, for a sign-in that keeps the caller in an HTTP session. */
    public AgentView check(String email, String password) {
        return AgentView.of(withCredentials(email, password));
    }

    /** The agent behind a session, while their account is still active (a deactivated one is signed out). */
    public Optional<AgentView> active(long agentId) {
        return Optional.ofNullable(em.find(Agent.class, agentId)).filter(Agent::isActive).map(AgentView::of);
    }

    private Agent withCredentials(String email, String password) {
        return em.createNamedQuery(Agent.BY_EMAIL, Agent.class).setParameter("email", NewAgent.normaliseEmail(email))
                .getResultStream().findFirst()
                .filter(Agent::isActive)
                .filter(a -> password != null && passwords.matches(password, a.getPasswordHash()))
                .orElseThrow(() -> RequestRejectedException.forbidden("agent.credentials",
                        "Unknown e-mail address or wrong password."));
    }

    /** The active agent a token was issued to. */
    public Optional<Agent> verify(String token) {
        return tokens().verify(token).map(id -> em.find(Agent.class, id)).filter(Agent::isActive);
    }

    private AgentTokens tokens() {
        var key = settings.find(TOKEN_KEY).orElseThrow(() -> new IllegalStateException(
                "No token key: FirstStart creates it when the application starts"));
        return new AgentTokens(key.getBytes(StandardCharsets.US_ASCII), Clock.systemUTC());
    }
}
