package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The secret an inbox's site signs visitor identities with (admins only): read it, or rotate it. */
@Path("agent/inboxes/{inboxId}/identity-secret")
@Produces(MediaType.APPLICATION_JSON)
public class InboxIdentityResource {

    @Inject
    CallerAgent caller;

    @EJB
    InboxService inboxes;

    @GET
    public JsonObject secret(@PathParam("inboxId") long inboxId) {
        caller.adminId();
        return JSON.createObjectBuilder().add("secret", inboxes.identitySecret(inboxId)).build();
    }

    @POST
    public JsonObject rotate(@PathParam("inboxId") long inboxId) {
        caller.adminId();
        return JSON.createObjectBuilder().add("secret", inboxes.rotateIdentitySecret(inboxId)).build();
    }
}
