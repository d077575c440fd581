package com.switchboard.agent.boundary;

import com.switchboard.agent.control.ResetLinkMail;
import com.switchboard.agent.control.SignInThrottle;
import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.PasswordReset;
import com.switchboard.input.AddressRates;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.mail.boundary.MailOutbox;
import com.switchboard.mail.boundary.PublicLinks;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Agents who forgot their password choose a new one through a link sent by e-mail. Asking says the same whether
 * or not an account uses the address, and takes as long: the request's thread checks only what does not depend on
 * the address having an account (the address's form, the client's rate), then hands the rest to
 * {@link ResetLinkMail} on a thread of its own, so nobody learns which addresses have one, from the answer or from
 * its time. A link works once, for {@link ResetLinkMail#VALIDITY}; only its token's hash is stored. Requests are
 * limited per client address ({@link AddressRates}, per node) and per account
 * ({@link ResetLinkMail#PER_ACCOUNT_PER_HOUR}, counted in the database, so on every node): past the account's limit
 * no mail goes, and the answer is still the same. Choosing the new password applies the accounts' password rules,
 * ends every session and token of the agent, and voids the agent's other links.
 */
@Stateless
public class PasswordResets {

    /** What every request is told, known address or not. */
    public static final String ANSWER = "If an account uses this address, a link to choose a new password is on "
            + "its way to it. It works once, for " + ResetLinkMail.VALIDITY.toMinutes() + " minutes.";

    @PersistenceContext
    EntityManager em;

    @EJB
    MailOutbox mail;

    @EJB
    AgentService agents;

    @EJB
    SignInThrottle throttle;

    @EJB
    ResetLinkMail linkMail;

    @Inject
    PublicLinks links;

    @Inject
    AddressRates rates;

    /** Whether agents can reset their password by e-mail: the installation sends mail and knows its address. */
    public boolean available() {
        return mail.sends() && links.known();
    }

    /**
     * Has a link sent to the account of {@code email}, if there is an active one and it has not asked too often;
     * nothing otherwise. Returns before that is known, without reading the database: the caller tells everyone
     * {@link #ANSWER}.
     *
     * @param address where the request comes from, or null
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void request(String email, String address) {
        if (!available()) {
            throw RequestRejectedException.conflict("password-reset.unavailable", "This installation cannot send "
                    + "e-mail, so passwords cannot be reset by e-mail: ask an admin to set a new one.");
        }
        var normalised = NewAgent.normaliseEmail(email);
        if (!MailOutbox.isAddress(normalised)) {
            throw RequestRejectedException.invalid("agent.email", "Enter the e-mail address you sign in with.");
        }
        rates.admit(AddressRates.Start.PASSWORD_RESET, address);
        linkMail.sendLater(normalised);
    }

    /**
     * Sets the agent's new password with a link's token: refused with {@code password-reset.unknown},
     * {@code password-reset.used} or {@code password-reset.expired} (nothing changes), or with the password rules'
     * {@code agent.password} (the link still works). On success the agent is signed out everywhere, their other
     * links stop working, and failed sign-ins no longer lock the account.
     */
    public void reset(String token, String newPassword) {
        var reset = token == null || token.isBlank() ? null : em.createNamedQuery(PasswordReset.BY_HASH,
                        PasswordReset.class).setParameter("hash", PasswordReset.hash(token.strip()))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst().orElse(null);
        var agent = reset == null ? null : em.find(Agent.class, reset.getAgentId());
        if (agent == null || !agent.isActive()) {
            throw RequestRejectedException.invalid("password-reset.unknown", "This link to choose a new password "
                    + "is not one we sent, or it was cut short. Ask for a new one.");
        }
        var now = Instant.now();
        reset.requireUsable(now);
        NewAgent.validatePassword(newPassword);
        agents.resetPassword(agent.getId(), newPassword);
        em.createNamedQuery(PasswordReset.USE_ALL).setParameter("agentId", agent.getId()).setParameter("now", now)
                .executeUpdate();
        throttle.succeeded(agent.getEmail());
    }
}
