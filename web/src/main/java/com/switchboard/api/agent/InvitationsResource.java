package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.routing.boundary.InvitationService;
import com.switchboard.routing.boundary.InvitationView;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The invited agent answers an invitation: the answer, or 409 when it was decided or expired meanwhile. */
@Path("agent/invitations/{invitationId}")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationsResource {

    @Inject
    CallerAgent caller;

    @EJB
    InvitationService invitations;

    @POST
    @Path("accept")
    public JsonObject accept(@PathParam("invitationId") long invitationId) {
        return json(invitations.accept(caller.id(), invitationId));
    }

    @POST
    @Path("decline")
    public JsonObject decline(@PathParam("invitationId") long invitationId) {
        return json(invitations.decline(caller.id(), invitationId));
    }

    static JsonObject json(InvitationView invitation) {
        return JSON.createObjectBuilder().add("invitationId", invitation.id())
                .add("conversationId", invitation.conversationId()).add("inviteeId", invitation.inviteeId())
                .add("inviterId", invitation.inviterId()).add("inviterLeaves", invitation.inviterLeaves())
                .add("status", invitation.status()).add("deadline", invitation.deadline().toString()).build();
    }
}
