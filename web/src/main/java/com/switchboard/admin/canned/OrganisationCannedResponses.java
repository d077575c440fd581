package com.switchboard.admin.canned;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Feedback;
import com.switchboard.canned.boundary.CannedResponseService;
import com.switchboard.canned.boundary.CannedView;
import com.switchboard.canned.entity.CannedText;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Backs admin/canned: the organisation's canned responses, searched by title, shortcut or text (the search is in
 * the address), created, edited (with the version read: a concurrent edit is a conflict) and deleted. Admins
 * write them; supervisors read them.
 */
@Named
@ViewScoped
public class OrganisationCannedResponses implements Serializable {

    static final Map<String, String> FIELDS = Map.of("canned.title", "canned:title", "canned.shortcut",
            "canned:shortcut", "canned.text", "canned:text", "message", "canned:text", "canned.admins-only", "canned:title");

    @EJB
    CannedResponseService canned;

    @Inject
    ConsoleUser user;

    private String search;
    private List<CannedView> responses;
    private Long editing;
    private long editingVersion;
    private String title;
    private String shortcut;
    private String text;

    /** The view action of the GET. */
    public void load() {
        responses = canned.organisationWide(search);
    }

    public void edit(CannedView response) {
        editing = response.id();
        editingVersion = response.version();
        title = response.title();
        shortcut = response.shortcut();
        text = response.text();
    }

    public void startNew() {
        editing = null;
        title = null;
        shortcut = null;
        text = null;
    }

    public String save() {
        try {
            var cannedText = new CannedText(title, shortcut, text);
            if (editing == null) {
                canned.createForOrganisation(user.id(), cannedText);
            } else {
                canned.change(editing, user.id(), editingVersion, cannedText);
            }
            Feedback.afterRedirect("Saved /" + cannedText.shortcut() + ".");
            return "/admin/canned/index?faces-redirect=true";
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, FIELDS);
            return null;
        }
    }

    public String delete(CannedView response) {
        try {
            canned.delete(response.id(), user.id());
            Feedback.afterRedirect("Deleted /" + response.shortcut() + ".");
        } catch (RequestRejectedException refused) {
            Feedback.warningAfterRedirect(refused.getMessage());
        }
        return "/admin/canned/index?faces-redirect=true";
    }

    public List<CannedView> getResponses() {
        return responses;
    }

    public boolean isEditing() {
        return editing != null;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getShortcut() {
        return shortcut;
    }

    public void setShortcut(String shortcut) {
        this.shortcut = shortcut;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
