package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.input.ClientAddresses;
import com.switchboard.security.CallerAgent;
import com.switchboard.security.RequestAddress;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Signing in an agent: e-mail and password in, the token for the API and the agent socket out. Signing out ends
 * every token of the agent, on every node.
 */
@Path("agent/sessions")
public class AgentSessionsResource {

    @EJB
    AgentAuthentication authentication;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    CallerAgent caller;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject signIn(@FormParam("email") String email, @FormParam("password") String password,
                             @Context HttpServletRequest request) {
        var agent = authentication.signIn(email, password, RequestAddress.of(clientAddresses, request));
        var roles = JSON.createArrayBuilder();
        agent.roles().forEach(role -> roles.add(role.name()));
        return JSON.createObjectBuilder()
                .add("agentId", agent.id())
                .add("name", agent.displayName())
                .add("roles", roles)
                .add("token", agent.token())
                .build();
    }

    @DELETE
    public Response signOut() {
        authentication.signOut(caller.id());
        return Response.noContent().build();
    }
}
