package com.switchboard.persistence.control;

import com.switchboard.persistence.entity.InstallationSetting;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.function.Supplier;

@Stateless
public class InstallationSettings {

    @PersistenceContext
    EntityManager em;

    public Optional<String> find(String name) {
        return Optional.ofNullable(em.find(InstallationSetting.class, name)).map(InstallationSetting::getValue);
    }

    /** Stores the value under {@code name}, in the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void put(String name, String value) {
        var setting = em.find(InstallationSetting.class, name);
        if (setting == null) {
            em.persist(new InstallationSetting(name, value));
        } else {
            setting.change(value);
        }
    }

    /**
     * Stores {@code initial}'s value under {@code name} unless a value is there already. In its own
     * transaction, so that a node losing the race to another one (primary key clash) can read the winner's value.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void createIfAbsent(String name, Supplier<String> initial) {
        if (em.find(InstallationSetting.class, name) == null) {
            em.persist(new InstallationSetting(name, initial.get()));
        }
    }
}
