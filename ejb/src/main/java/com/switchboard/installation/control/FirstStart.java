package com.switchboard.installation.control;

import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.SecureTokens;
import com.switchboard.persistence.control.InstallationSettings;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/** Prepares installation-wide data on every start; only the first start of an installation creates any. */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FirstStart {

    private static final Logger LOG = Logger.getLogger(FirstStart.class.getName());

    @EJB
    InstallationSettings settings;

    @EJB
    InitialData initialData;

    @PostConstruct
    void prepare() {
        createOnce(() -> settings.createIfAbsent(AgentAuthentication.TOKEN_KEY, () -> SecureTokens.random(32)),
                () -> settings.find(AgentAuthentication.TOKEN_KEY).isPresent());
        // Checked on every start: an installation older than visitors' signed tokens gets its key at its next one.
        createOnce(() -> settings.createIfAbsent(VisitorService.TOKEN_KEY, () -> SecureTokens.random(32)),
                () -> settings.find(VisitorService.TOKEN_KEY).isPresent());
        createOnce(initialData::createIfEmpty, initialData::exists);
    }

    /**
     * Another node starting at the same moment may win the insert (ours then fails on a unique key, or on the
     * owner's check that the admin's e-mail is free); its data is as good as ours. Any other failure leaves the
     * data missing and stops the deployment.
     */
    private static void createOnce(Runnable creation, BooleanSupplier created) {
        try {
            creation.run();
        } catch (EJBException | RequestRejectedException e) {
            if (!created.getAsBoolean()) {
                throw e;
            }
            LOG.info(() -> "Initial data created concurrently by another node: " + e.getMessage());
        }
    }
}
