package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.agent.boundary.PasswordResets;
import com.switchboard.input.ClientAddresses;
import com.switchboard.security.RequestAddress;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An agent who forgot their password, before signing in (web.xml leaves these paths open): whether the
 * installation offers it, asking for a link by e-mail (the same answer for every address), and choosing the new
 * password with the link's token (in the body, never in a URL a log would keep).
 */
@Path("agent/password-resets")
public class PasswordResetsResource {

    @EJB
    PasswordResets resets;

    @Inject
    ClientAddresses clientAddresses;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject offered() {
        return JSON.createObjectBuilder().add("available", resets.available()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(@FormParam("email") String email, @Context HttpServletRequest request) {
        resets.request(email, RequestAddress.of(clientAddresses, request));
        return Response.accepted(JSON.createObjectBuilder().add("message", PasswordResets.ANSWER).build()).build();
    }

    @POST
    @Path("use")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response use(@FormParam("token") String token, @FormParam("password") String password) {
        resets.reset(token, password);
        return Response.noContent().build();
    }
}
