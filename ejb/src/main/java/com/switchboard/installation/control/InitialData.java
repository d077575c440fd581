package com.switchboard.installation.control;

import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Role;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.InboxMembership;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.input.SecureTokens;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Map;
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

    @EJB
    AgentService agents;

    @EJB
    InboxService inboxes;

    @Inject
    @ConfigProperty(name = "switchboard.admin.email", defaultValue = "admin@switchboard.local")
    String adminEmail;

    @Inject
    @ConfigProperty(name = "switchboard.admin.password")
    Optional<String> adminPassword;

    public boolean exists() {
        return agents.anyAccount();
    }

    /** Does nothing once any agent exists. A second node racing to do the same fails on the unique keys. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void createIfEmpty() {
        if (exists()) {
            return;
        }
        var password = adminPassword.filter(p -> !p.isBlank()).orElseGet(() -> SecureTokens.random(12));
        // Through the owners' boundaries, with the rules every account and inbox obeys (a configured password
        // too short is refused here, with the reason, rather than kept).
        var admin = agents.create(new NewAgent(adminEmail, "Administrator", password,
                EnumSet.of(Role.ADMIN, Role.AGENT)));
        inboxes.create(InboxSettings.defaults(FIRST_INBOX), Map.of(admin.id(), InboxMembership.DEFAULT_CAPACITY));
        if (adminPassword.isPresent()) {
            LOG.warning(() -> "First start: created admin " + admin.email() + " (password from configuration)"
                    + " and inbox '" + FIRST_INBOX + "'");
        } else {
            LOG.warning(() -> "First start: created admin " + admin.email() + " with password " + password
                    + " (shown only this once; set switchboard.admin.password to choose it) and inbox '"
                    + FIRST_INBOX + "'");
        }
    }
}
