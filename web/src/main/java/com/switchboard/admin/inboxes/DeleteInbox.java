package com.switchboard.admin.inboxes;

import com.switchboard.admin.Feedback;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.InboxView;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Map;

/**
 * Backs admin/inboxes/delete?id= (a protected view: only the console's own links open it): says what deleting
 * means before it happens.
 */
@Named
@ViewScoped
public class DeleteInbox implements Serializable {

    @EJB
    InboxService inboxes;

    private Long id;
    private InboxView inbox;

    public String load() {
        try {
            inbox = inboxes.find(id == null ? -1 : id);
        } catch (RequestRejectedException unknown) {
            inbox = null;
        }
        if (inbox == null || inbox.deleted()) {
            Feedback.afterRedirect(id == null ? "There is no such inbox."
                    : "There is no inbox " + id + " to delete.");
            return "/admin/inboxes/index?faces-redirect=true";
        }
        return null;
    }

    public String delete() {
        try {
            inboxes.delete(inbox.id());
            Feedback.afterRedirect("Inbox " + inbox.settings().name() + " deleted; its widget is off for good.");
            return "/admin/inboxes/index?faces-redirect=true";
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
            return null;
        }
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public InboxView getInbox() {
        return inbox;
    }
}
