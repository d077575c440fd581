package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.customer.boundary.CatalogueTag;
import com.switchboard.customer.boundary.CustomerTagCatalogue;
import com.switchboard.customer.boundary.CustomerTagView;
import com.switchboard.customer.boundary.CustomerTags;
import com.switchboard.customer.entity.NewCustomerTag;
import com.switchboard.customer.entity.TagColour;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The catalogue of customer tags: read by every agent (the card's picker and the list's filter), extended by admins
 * (or agents if allowed), changed and pruned by admins as on the admin console's page.
 */
@Path("agent/customer-tags")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerTagsResource {

    @Inject
    CallerAgent caller;

    @EJB
    CustomerTags tags;

    @EJB
    CustomerTagCatalogue catalogue;

    /**
     * {@code ?pinned=true}: only tags some customer has pinned → {@code {palette: ["#rrggbb"…], mayCreate, tags:
     * [{id, name, colour, conversations, pinnedBy}]}}, most conversations first.
     */
    @GET
    public JsonObject catalogue(@QueryParam("pinned") boolean pinnedOnly) {
        var palette = JSON.createArrayBuilder();
        TagColour.PALETTE.forEach(palette::add);
        var list = JSON.createArrayBuilder();
        tags.catalogue(caller.id(), pinnedOnly).forEach(tag -> list.add(json(tag)));
        return JSON.createObjectBuilder().add("palette", palette).add("mayCreate", tags.mayCreate(caller.id()))
                .add("tags", list).build();
    }

    /** Body {@code {"name", "colour": "#rrggbb" of the palette}} → 201 the tag. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        var tag = tags.create(caller.id(), new NewCustomerTag(JsonFields.text(body, "name"),
                JsonFields.text(body, "colour")));
        return Response.status(Response.Status.CREATED).entity(json(tag)).build();
    }

    /** Body {@code {"name", "colour", "version"}} (admins) → the tag {@code {id, name, colour, customers, version}}. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject change(@PathParam("id") long tagId, JsonObject body) {
        var changed = new NewCustomerTag(JsonFields.text(body, "name"), JsonFields.text(body, "colour"));
        return json(catalogue.change(caller.id(), tagId, JsonFields.number(body, "version"), changed));
    }

    /** Deletes the tag (admins), off every customer who carries it → {@code {id, customers}}: how many did. */
    @DELETE
    @Path("{id}")
    public JsonObject delete(@PathParam("id") long tagId) {
        return JSON.createObjectBuilder().add("id", tagId).add("customers", catalogue.delete(caller.id(), tagId))
                .build();
    }

    private static JsonObject json(CatalogueTag tag) {
        return JSON.createObjectBuilder().add("id", tag.id()).add("name", tag.name()).add("colour", tag.colour())
                .add("customers", tag.customers()).add("version", tag.version()).build();
    }

    private static JsonObject json(CustomerTagView tag) {
        return JSON.createObjectBuilder().add("id", tag.id()).add("name", tag.name()).add("colour", tag.colour())
                .add("conversations", tag.conversations()).add("pinnedBy", tag.pinnedBy()).build();
    }
}
