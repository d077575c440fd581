package com.switchboard.api.agent;

import com.switchboard.api.JsonFields;
import com.switchboard.conversation.boundary.ConversationDirectory;
import com.switchboard.security.CallerAgent;
import com.switchboard.visitor.boundary.VisitorBlocks;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A visitor as agents see them, their tags, and blocking them: for who may read one of the visitor's conversations
 * (supervisors and admins all of them).
 */
@Path("agent/visitors/{visitorId}")
@Produces(MediaType.APPLICATION_JSON)
public class VisitorsResource {

    @Inject
    CallerAgent caller;

    @EJB
    VisitorService visitors;

    @EJB
    VisitorBlocks blocks;

    @EJB
    ConversationDirectory conversations;

    @GET
    public JsonObject visitor(@PathParam("visitorId") long visitorId) {
        conversations.requireVisitorReadable(caller.id(), visitorId);
        return VisitorJson.of(visitors.find(visitorId));
    }

    /** Body {@code {"version": n, "tags": [...]}}: the version read, so concurrent edits conflict (409). */
    @PUT
    @Path("tags")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject retag(@PathParam("visitorId") long visitorId, JsonObject body) {
        conversations.requireVisitorReadable(caller.id(), visitorId);
        return VisitorJson.of(visitors.retag(caller.id(), visitorId, JsonFields.number(body, "version"),
                JsonFields.texts(body, "tags")));
    }

    /** Body {@code {"reason": "...", "minutes": n}}; without minutes the block lasts until lifted. */
    @POST
    @Path("blocks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response block(@PathParam("visitorId") long visitorId, JsonObject body) {
        conversations.requireVisitorReadable(caller.id(), visitorId);
        var block = blocks.blockVisitor(caller.id(), visitorId, JsonFields.text(body, "reason"),
                BlocksResource.period(body));
        return Response.status(Response.Status.CREATED).entity(VisitorJson.of(block)).build();
    }
}
