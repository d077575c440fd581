package com.switchboard.admin.tags;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Feedback;
import com.switchboard.customer.boundary.CatalogueTag;
import com.switchboard.customer.boundary.CustomerTagCatalogue;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Map;

/**
 * Backs admin/tags/delete?id= (a protected view: only the console's own links open it): says how many customers
 * carry the tag before deleting it takes it off all of them.
 */
@Named
@ViewScoped
public class DeleteTag implements Serializable {

    @EJB
    CustomerTagCatalogue catalogue;

    @Inject
    ConsoleUser user;

    private Long id;
    private CatalogueTag tag;

    public String load() {
        try {
            tag = id == null ? null : catalogue.find(user.id(), id);
        } catch (RequestRejectedException unknown) {
            tag = null;
        }
        if (tag == null) {
            Feedback.afterRedirect("There is no customer tag " + (id == null ? "" : id + " ") + "to delete.");
            return "/admin/tags/index?faces-redirect=true";
        }
        return null;
    }

    public String delete() {
        try {
            long carried = catalogue.delete(user.id(), tag.id());
            Feedback.afterRedirect("Deleted the tag " + tag.name() + (carried == 1 ? "; 1 customer carried it."
                    : "; " + carried + " customers carried it."));
            return "/admin/tags/index?faces-redirect=true";
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

    public CatalogueTag getTag() {
        return tag;
    }
}
