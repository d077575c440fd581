package com.switchboard.installation.control;

import com.switchboard.agent.control.PasswordHashing;
import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Role;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.inbox.entity.InboxMembership;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.input.SecureTokens;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a brand-new installation needs so that someone can chat at once: the first admin (from configuration,
 * or with a generated password shown once in the log) and an inbox named {@code support} they belong to.
 */
@Stateless
public class InitialData {

    private static final Logger LOG = Logger.getLogger(InitialData.class.getName());
    static final String FIRST_INBOX = "support";

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHashing passwords;

    @Inject
    @ConfigProperty(name = "switchboard.admin.email", defaultValue = "admin@switchboard.local")
    String adminEmail;

    @Inject
    @ConfigProperty(name = "switchboard.admin.password")
    Optional<String> adminPassword;

    public boolean exists() {
        return em.createNamedQuery(Agent.COUNT, Long.class).getSingleResult() > 0;
    }

    /** Does nothing once any agent exists. A second node racing to do the same fails on the unique keys. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void createIfEmpty() {
        if (exists()) {
            return;
        }
        var password = adminPassword.filter(p -> !p.isBlank()).orElseGet(() -> SecureTokens.random(12));
        var admin = new Agent(NewAgent.normaliseEmail(adminEmail), "Administrator",
                passwords.hash(password), EnumSet.of(Role.ADMIN, Role.AGENT));
        em.persist(admin);
        var inbox = new Inbox(InboxSettings.defaults(FIRST_INBOX), SecureTokens.random(16), SecureTokens.random(32));
        em.persist(inbox);
        em.persist(new InboxMembership(inbox, admin, InboxMembership.DEFAULT_CAPACITY));
        em.flush();
        if (adminPassword.isPresent()) {
            LOG.warning(() -> "First start: created admin " + admin.getEmail() + " (password from configuration)"
                    + " and inbox '" + FIRST_INBOX + "'");
        } else {
            LOG.warning(() -> "First start: created admin " + admin.getEmail() + " with password " + password
                    + " (shown only this once; set switchboard.admin.password to choose it) and inbox '"
                    + FIRST_INBOX + "'");
        }
    }
}
