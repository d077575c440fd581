package com.switchboard.admin.tags;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Feedback;
import com.switchboard.customer.boundary.CatalogueTag;
import com.switchboard.customer.boundary.CustomerTagCatalogue;
import com.switchboard.customer.boundary.CustomerTags;
import com.switchboard.customer.entity.NewCustomerTag;
import com.switchboard.customer.entity.TagColour;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Backs admin/tags: the catalogue of customer tags (the coloured tags of the agent console's customer card), each
 * with how many customers carry it; a tag created, or renamed and recoloured with the version read (a concurrent
 * edit is a conflict); deleting goes through a page that says what it takes away; and whether agents create tags
 * too. Admins change it, supervisors read it.
 */
@Named
@ViewScoped
public class TagCatalogue implements Serializable {

    static final Map<String, String> FIELDS = Map.of("customer-tag.name", "tag:name", "customer-tag.exists",
            "tag:name", "customer-tag.colour", "tag:colour", "customer-tag.catalogue-full", "tag:name");

    @EJB
    CustomerTagCatalogue catalogue;

    @EJB
    CustomerTags tags;

    @Inject
    ConsoleUser user;

    private List<CatalogueTag> list;
    private boolean agentsCreate;
    private Long editing;
    private long editingVersion;
    private String name;
    private String colour = TagColour.PALETTE.get(0);

    /** The view action of the GET. */
    public void load() {
        list = catalogue.list(user.id());
        agentsCreate = catalogue.agentsCreate(user.id());
    }

    public void edit(CatalogueTag tag) {
        editing = tag.id();
        editingVersion = tag.version();
        name = tag.name();
        colour = tag.colour();
    }

    public void startNew() {
        editing = null;
        name = null;
        colour = TagColour.PALETTE.get(0);
    }

    public String save() {
        try {
            var tag = new NewCustomerTag(name, colour);
            if (editing == null) {
                tags.create(user.id(), tag);
                Feedback.afterRedirect("Created the tag " + tag.name() + ".");
            } else {
                catalogue.change(user.id(), editing, editingVersion, tag);
                Feedback.afterRedirect("Saved the tag " + tag.name() + ".");
            }
            return "/admin/tags/index?faces-redirect=true";
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, FIELDS);
            return null;
        }
    }

    public String saveRule() {
        try {
            catalogue.agentsCreate(user.id(), agentsCreate);
            Feedback.afterRedirect(agentsCreate ? "Agents may create tags from the customer card now."
                    : "Only admins create tags now.");
            return "/admin/tags/index?faces-redirect=true";
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
            return null;
        }
    }

    public List<CatalogueTag> getTags() {
        return list;
    }

    /** The palette, each colour by its name. */
    public List<SelectItem> getColours() {
        return TagColour.PALETTE.stream().map(value -> new SelectItem(value, TagColour.name(value))).toList();
    }

    public String colourName(String value) {
        return TagColour.name(value);
    }

    public boolean isEditing() {
        return editing != null;
    }

    public boolean isAgentsCreate() {
        return agentsCreate;
    }

    public void setAgentsCreate(boolean agentsCreate) {
        this.agentsCreate = agentsCreate;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getColour() {
        return colour;
    }

    public void setColour(String colour) {
        this.colour = colour;
    }
}
