package com.switchboard.admin.agents;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Feedback;
import com.switchboard.agent.boundary.AgentAdministration;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Backs the "Name visitors see" panel of admin/agents/edit?id=: the agent's public name, shown to visitors where
 * the inbox has no operator name. Who may change it is who may manage the account.
 */
@Named
@ViewScoped
public class NameAgentPublicly implements Serializable {

    @EJB
    AgentAdministration administration;

    @Inject
    ConsoleUser user;

    private AgentView agent;
    private String publicName;

    /** Called by the page's view action with the agent the page shows. */
    public void load(AgentView shown) {
        if (shown != null) {
            agent = shown;
            publicName = shown.publicName();
        }
    }

    public String save() {
        try {
            var saved = administration.namePublicly(user.id(), agent.id(), publicName);
            Feedback.afterRedirect(saved.publicName() == null ? "Visitors see " + saved.displayName() + "."
                    : "Visitors see " + saved.displayName() + " as " + saved.publicName()
                    + " where the inbox has no operator name.");
            return "/admin/agents/edit?faces-redirect=true&id=" + agent.id();
        } catch (RequestRejectedException refused) {
            Feedback.error("public:public-name", refused.getMessage());
            return null;
        }
    }

    public String getPublicName() {
        return publicName;
    }

    public void setPublicName(String publicName) {
        this.publicName = publicName;
    }
}
