package com.switchboard.agent.control;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.PasswordReset;
import com.switchboard.input.SecureTokens;
import com.switchboard.mail.boundary.MailOutbox;
import com.switchboard.mail.boundary.PublicLinks;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The work a password-reset request asks for, done on a thread of its own after the request was answered: whether
 * an active account uses the address, whether it asked too often, and for one that may, a new link by e-mail. The
 * request's thread does none of it, so its answer takes as long for an address with an account as for one without,
 * and nobody learns which addresses have one by timing it.
 */
@Stateless
public class ResetLinkMail {

    private static final Logger LOG = Logger.getLogger(ResetLinkMail.class.getName());
    /** How long a link works. */
    public static final Duration VALIDITY = Duration.ofMinutes(30);
    public static final int PER_ACCOUNT_PER_HOUR = 3;
    /** The page that takes the token; in the fragment, which no log or proxy keeps. */
    static final String PAGE = "/reset-password.html#token=";

    @PersistenceContext
    EntityManager em;

    @EJB
    MailOutbox mail;

    @Inject
    PublicLinks links;

    @Resource
    SessionContext session;

    /** Hands the work to a thread of its own and returns at once; a failure there is logged, nobody else told. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void sendLater(String normalisedEmail) {
        try {
            session.getBusinessObject(ResetLinkMail.class).send(normalisedEmail);
        } catch (RuntimeException e) {
            // The requester was answered already; asking again sends a link once the failure is over.
            LOG.log(Level.WARNING, e, () -> "A password-reset request could not be handled");
        }
    }

    /** Sends a link to the active account using the address, unless it asked too often; nothing otherwise. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void send(String normalisedEmail) {
        var agent = em.createNamedQuery(Agent.BY_EMAIL, Agent.class).setParameter("email", normalisedEmail)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst()
                .filter(Agent::isActive).orElse(null);
        if (agent == null) {
            return;
        }
        var now = Instant.now();
        em.createNamedQuery(PasswordReset.DELETE_EXPIRED).setParameter("agentId", agent.getId())
                .setParameter("before", now.minus(Duration.ofDays(1))).executeUpdate();
        long recent = em.createNamedQuery(PasswordReset.COUNT_SINCE, Long.class).setParameter("agentId", agent.getId())
                .setParameter("since", now.minus(Duration.ofHours(1))).getSingleResult();
        if (recent >= PER_ACCOUNT_PER_HOUR) {
            LOG.info(() -> "Agent " + agent.getId() + " asked for a password reset more than " + PER_ACCOUNT_PER_HOUR
                    + " times within an hour: no more mail for now");
            return;
        }
        var token = SecureTokens.random(32);
        em.persist(new PasswordReset(agent.getId(), token, now, VALIDITY));
        // The link in the body stops working with the link: the outbox keeps neither once sent or expired.
        mail.queue(agent.getEmail(), "Choose a new Switchboard password", body(agent, links.to(PAGE + token)), null,
                now.plus(VALIDITY));
    }

    private static String body(Agent agent, String link) {
        return "Hello " + agent.getDisplayName() + ",\n\n"
                + "someone, we hope you, asked to choose a new password for your Switchboard account "
                + agent.getEmail() + ".\n\n"
                + "To choose it, open this link within " + VALIDITY.toMinutes() + " minutes:\n\n"
                + link + "\n\n"
                + "The link works once. Choosing a new password signs you out everywhere.\n"
                + "If you did not ask for this, ignore this e-mail: your password stays as it is.\n";
    }
}
