package com.switchboard.customer.control;

import com.switchboard.persistence.control.InstallationSettings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/**
 * Who may create customer tags: admins always; agents too when an admin allows it on the catalogue's page. An
 * installation setting, so every node follows the same rule at once. Unset: admins only.
 */
@Stateless
public class TagCreationRule {

    static final String SETTING = "customer-tags.agents-create";

    @EJB
    InstallationSettings settings;

    public boolean agentsCreate() {
        return settings.find(SETTING).map(Boolean::parseBoolean).orElse(false);
    }

    /** In the caller's transaction (the admin's change, checked by the caller). */
    public void agentsCreate(boolean allowed) {
        settings.put(SETTING, Boolean.toString(allowed));
    }
}
