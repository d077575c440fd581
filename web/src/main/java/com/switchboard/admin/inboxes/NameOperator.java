package com.switchboard.admin.inboxes;

import com.switchboard.admin.Feedback;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.InboxView;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Backs the "Name visitors see" panel of admin/inboxes/edit?id=: the operator name every agent of the inbox writes
 * under for its visitors, or none. Goes back with the version read, like the settings.
 */
@Named
@ViewScoped
public class NameOperator implements Serializable {

    @EJB
    InboxService inboxes;

    private InboxView inbox;
    private String operatorName;

    /** Called by the page's view action with the inbox the page shows. */
    public void load(InboxView shown) {
        if (shown != null) {
            inbox = shown;
            operatorName = shown.operatorName();
        }
    }

    public String save() {
        try {
            var saved = inboxes.nameOperator(inbox.id(), inbox.version(), operatorName);
            Feedback.afterRedirect(saved.operatorName() == null
                    ? "Visitors see each agent's own name." : "Visitors see every agent as " + saved.operatorName() + ".");
            return "/admin/inboxes/edit?faces-redirect=true&id=" + inbox.id();
        } catch (RequestRejectedException refused) {
            Feedback.error("operator:operator-name", refused.getMessage());
            return null;
        }
    }

    public String getOperatorName() {
        return operatorName;
    }

    public void setOperatorName(String operatorName) {
        this.operatorName = operatorName;
    }
}
