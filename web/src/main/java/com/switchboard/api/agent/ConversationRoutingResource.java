package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.routing.boundary.InvitationService;
import com.switchboard.routing.boundary.RoutingService;
import com.switchboard.routing.boundary.Transfer;
import com.switchboard.routing.boundary.Transfers;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Routing a conversation by hand: take it, assign it (supervisors), transfer it, invite a colleague, and read why
 * it went where it went. Its own root path, so that it is matched before the conversation list's resource.
 */
@Path("agent/conversations/{conversationId}/routing")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationRoutingResource {

    @Inject
    CallerAgent caller;

    @EJB
    RoutingService routing;

    @EJB
    Transfers transfers;

    @EJB
    InvitationService invitations;

    /** Every routing step, oldest first: outcome, agent and the explanation. */
    @GET
    public JsonArray decisions(@PathParam("conversationId") long conversationId) {
        var list = JSON.createArrayBuilder();
        routing.decisions(caller.id(), conversationId).forEach(d -> list.add(JSON.createObjectBuilder()
                .add("at", d.at().toString()).add("outcome", d.outcome())
                .add("agentId", d.agentId() == null ? JsonValue.NULL : JSON.createValue(d.agentId()))
                .add("explanation", d.explanation())));
        return list.build();
    }

    @POST
    @Path("take")
    public Response take(@PathParam("conversationId") long conversationId) {
        routing.take(caller.id(), conversationId);
        return Response.noContent().build();
    }

    /** Body {@code {"agentId": n, "overCapacity": false}}; the answer carries a warning when over capacity. */
    @POST
    @Path("assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject assign(@PathParam("conversationId") long conversationId, JsonObject body) {
        var over = body != null && body.getBoolean("overCapacity", false);
        var assignment = routing.assign(caller.id(), conversationId, JsonFields.number(body, "agentId"), over);
        return JSON.createObjectBuilder().add("conversationId", assignment.conversationId())
                .add("agentId", assignment.agentId())
                .add("warning", assignment.warning() == null ? JsonValue.NULL : JSON.createValue(assignment.warning()))
                .build();
    }

    /** Body {@code {"agentId": n}} (an offer to them) or {@code {"inboxId": n}} (that inbox's queue). */
    @POST
    @Path("transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject transfer(@PathParam("conversationId") long conversationId, JsonObject body) {
        var agentId = JsonFields.optionalNumber(body, "agentId");
        var inboxId = JsonFields.optionalNumber(body, "inboxId");
        if ((agentId == null) == (inboxId == null)) {
            throw RequestRejectedException.invalid("transfer.target", "Name either an agentId or an inboxId.");
        }
        var transfer = agentId != null ? transfers.toAgent(caller.id(), conversationId, agentId)
                : transfers.toInbox(caller.id(), conversationId, inboxId);
        return json(transfer);
    }

    /**
     * Body {@code {"agentId": n}} or {@code {"inboxId": n}} (a random online member of that inbox), and
     * {@code "leave": true} to hand the conversation to the invitee once they accept.
     */
    @POST
    @Path("invitations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invite(@PathParam("conversationId") long conversationId, JsonObject body) {
        var agentId = JsonFields.optionalNumber(body, "agentId");
        var inboxId = JsonFields.optionalNumber(body, "inboxId");
        if ((agentId == null) == (inboxId == null)) {
            throw RequestRejectedException.invalid("invitation.target", "Name either an agentId or an inboxId.");
        }
        var leave = body != null && body.getBoolean("leave", false);
        var invitation = agentId != null ? invitations.invite(caller.id(), conversationId, agentId, leave)
                : invitations.inviteFromInbox(caller.id(), conversationId, inboxId, leave);
        return Response.status(Response.Status.CREATED).entity(InvitationsResource.json(invitation)).build();
    }

    private static JsonObject json(Transfer transfer) {
        return JSON.createObjectBuilder().add("conversationId", transfer.conversationId())
                .add("inboxId", transfer.inboxId())
                .add("agentId", transfer.agentId() == null ? JsonValue.NULL : JSON.createValue(transfer.agentId()))
                .add("offerId", transfer.offerId() == null ? JsonValue.NULL : JSON.createValue(transfer.offerId()))
                .build();
    }
}
