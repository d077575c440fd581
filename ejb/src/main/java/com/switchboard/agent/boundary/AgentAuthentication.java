package com.switchboard.agent.boundary;

import com.switchboard.agent.control.AgentTokenKey;
import com.switchboard.agent.control.AgentTokens;
import com.switchboard.agent.control.PasswordHashing;
import com.switchboard.agent.control.SignInThrottle;
import com.switchboard.agent.control.TokenRevocation;
import com.switchboard.agent.entity.Agent;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

@Stateless
public class AgentAuthentication {

    public static final String TOKEN_KEY = AgentTokenKey.SETTING;
    static final Duration TOKEN_VALIDITY = Duration.ofHours(12);

    @PersistenceContext
    EntityManager em;

    @Inject
    AgentTokenKey tokenKey;

    @Inject
    PasswordHashing passwords;

    @EJB
    SignInThrottle throttle;

    @EJB
    TokenRevocation revocation;

    /** @param address where the sign-in comes from (failures are counted per address too), or null */
    public SignedInAgent signIn(String email, String password, String address) {
        var agent = withCredentials(email, password, address);
        var token = tokens().issue(agent.getId(), TOKEN_VALIDITY);
        return new SignedInAgent(agent.getId(), agent.getDisplayName(), agent.getRoles(), token);
    }

    /** The active agent with these credentials, for a sign-in that keeps the caller in an HTTP session. */
    public AgentView check(String email, String password, String address) {
        return AgentView.of(withCredentials(email, password, address));
    }

    /** The agent behind a session, while their account is still active (a deactivated one is signed out). */
    public Optional<AgentView> active(long agentId) {
        return Optional.ofNullable(em.find(Agent.class, agentId)).filter(Agent::isActive).map(AgentView::of);
    }

    /**
     * The agent behind a session that began at {@code signedInAt}, while their account is active and their tokens
     * were not revoked since (a sign-out elsewhere, a new password): a session ends with the tokens.
     */
    public Optional<AgentView> active(long agentId, Instant signedInAt) {
        return Optional.ofNullable(em.find(Agent.class, agentId)).filter(Agent::isActive)
                .filter(agent -> agent.acceptsTokenIssuedAt(signedInAt)).map(AgentView::of);
    }

    /**
     * The active agent with these credentials. A locked account or address is refused before the password is
     * looked at; an unknown e-mail costs the same time as a wrong password, and counts as a failure alike.
     */
    private Agent withCredentials(String email, String password, String address) {
        throttle.requireUnlocked(email, address);
        var agent = em.createNamedQuery(Agent.BY_EMAIL, Agent.class)
                .setParameter("email", Objects.requireNonNullElse(email, "").strip().toLowerCase(Locale.ROOT))
                .getResultStream().findFirst()
                .filter(Agent::isActive).orElse(null);
        var matches = passwords.matches(Objects.requireNonNullElse(password, ""),
                agent == null ? null : agent.getPasswordHash());
        if (!matches) {
            throttle.failed(email, address);
            throw RequestRejectedException.forbidden("agent.credentials", "Unknown e-mail address or wrong password.");
        }
        throttle.succeeded(email);
        return agent;
    }

    /**
     * Signs the agent out everywhere: every token issued until now stops working on every node, and every node
     * closes the agent's sockets.
     */
    public void signOut(long agentId) {
        var agent = em.find(Agent.class, agentId);
        if (agent != null) {
            revocation.revoke(agent);
        }
    }

    /** The active agent a token was issued to, unless the agent's tokens were revoked since. */
    public Optional<Agent> verify(String token) {
        return tokens().verify(token).flatMap(verified -> Optional.ofNullable(em.find(Agent.class, verified.agentId()))
                .filter(Agent::isActive).filter(agent -> agent.acceptsTokenIssuedAt(verified.issuedAt())));
    }

    private AgentTokens tokens() {
        return tokenKey.tokens();
    }
}
