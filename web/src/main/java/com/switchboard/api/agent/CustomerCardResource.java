package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.conversation.boundary.UnpinCustomer;
import com.switchboard.customer.boundary.CardTag;
import com.switchboard.customer.boundary.CustomerCard;
import com.switchboard.customer.boundary.CustomerCards;
import com.switchboard.customer.boundary.CustomerTags;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The customer card beside a conversation (whoever may read the conversation): who the customer is, their tags
 * (added, removed, pinned from here), and unpinning the customer from this conversation.
 */
@Path("agent/conversations/{conversationId}/customer")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerCardResource {

    @Inject
    CallerAgent caller;

    @EJB
    CustomerCards cards;

    @EJB
    CustomerTags tags;

    @EJB
    UnpinCustomer unpinning;

    @GET
    public JsonObject card(@PathParam("conversationId") long conversationId) {
        return json(cards.card(caller.id(), conversationId));
    }

    /** Body {@code {"tagId"}} → the customer's tags. */
    @POST
    @Path("tags")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonArray addTag(@PathParam("conversationId") long conversationId, JsonObject body) {
        return json(tags.add(caller.id(), conversationId, JsonFields.number(body, "tagId")));
    }

    @DELETE
    @Path("tags/{tagId}")
    public JsonArray removeTag(@PathParam("conversationId") long conversationId, @PathParam("tagId") long tagId) {
        return json(tags.remove(caller.id(), conversationId, tagId));
    }

    /** Body {@code {"pinned": true|false}} → the customer's tags. */
    @PUT
    @Path("tags/{tagId}/pinned")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonArray pin(@PathParam("conversationId") long conversationId, @PathParam("tagId") long tagId,
                         JsonObject body) {
        var pinned = body == null ? null : body.get("pinned");
        if (pinned != JsonValue.TRUE && pinned != JsonValue.FALSE) {
            throw RequestRejectedException.invalid("request.field",
                    "'pinned' must be true or false.");
        }
        return json(tags.pin(caller.id(), conversationId, tagId, pinned == JsonValue.TRUE));
    }

    /** Unpins the customer from this conversation → the card as it is now (not pinned). */
    @DELETE
    public JsonObject unpin(@PathParam("conversationId") long conversationId) {
        unpinning.unpin(caller.id(), conversationId);
        return json(cards.card(caller.id(), conversationId));
    }

    static JsonArray json(List<CardTag> carried) {
        var list = JSON.createArrayBuilder();
        carried.forEach(tag -> list.add(JSON.createObjectBuilder().add("id", tag.id()).add("name", tag.name())
                .add("colour", tag.colour()).add("pinned", tag.pinned())));
        return list.build();
    }

    private static JsonObject json(CustomerCard card) {
        var json = JSON.createObjectBuilder().add("conversationId", card.conversationId()).add("pinned", card.pinned());
        if (!card.pinned()) {
            return json.build();
        }
        json.add("customerId", card.customerId()).add("verified", card.verified())
                .add("earlierCount", card.earlierCount()).add("tags", json(card.tags()));
        optional(json, "name", card.name());
        optional(json, "email", card.email());
        optional(json, "browser", card.browser());
        optional(json, "address", card.address());
        optional(json, "firstSeen", card.firstSeen());
        optional(json, "lastSeen", card.lastSeen());
        var source = JSON.createObjectBuilder().add("channel", card.source().channel())
                .add("offlineForm", card.source().offlineForm());
        optional(source, "site", card.source().site());
        optional(source, "pageUrl", card.source().pageUrl());
        optional(source, "pageTitle", card.source().pageTitle());
        optional(source, "externalId", card.source().externalId());
        optional(source, "system", card.source().system());
        json.add("source", source);
        var earlier = JSON.createArrayBuilder();
        card.earlier().forEach(c -> earlier.add(JSON.createObjectBuilder().add("id", c.id())
                .add("inboxName", c.inboxName()).add("status", c.status()).add("startedAt", c.startedAt().toString())));
        return json.add("earlier", earlier).build();
    }

    private static void optional(JsonObjectBuilder json, String name, Object value) {
        if (value != null) {
            json.add(name, value.toString());
        }
    }
}
