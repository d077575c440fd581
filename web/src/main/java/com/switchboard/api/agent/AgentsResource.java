package com.switchboard.api.agent;

import com.switchboard.agent.boundary.AgentAdministration;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Role;
import com.switchboard.api.JsonFields;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.Locale;

/** Admins create agent accounts (for scripts and tests; the admin console does the same by hand). */
@Path("agent/agents")
public class AgentsResource {

    @Inject
    CallerAgent caller;

    @EJB
    AgentService agents;

    @EJB
    AgentAdministration administration;

    /** Body {@code {"email", "name", "password", "roles": ["AGENT", …]}} → 201 the agent as {@code /me} shows one. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        caller.adminId();
        var roles = EnumSet.noneOf(Role.class);
        for (var role : JsonFields.texts(body, "roles")) {
            try {
                roles.add(Role.valueOf(role.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw RequestRejectedException.invalid("agent.roles", "Roles are ADMIN, SUPERVISOR and AGENT.");
            }
        }
        var agent = agents.create(new NewAgent(JsonFields.text(body, "email"), JsonFields.text(body, "name"),
                JsonFields.text(body, "password"), roles));
        return Response.status(Response.Status.CREATED).entity(MeResource.json(agent)).build();
    }

    /**
     * Body {@code {"publicName": "…" | null}} (admins, and supervisors for whom they manage) → the agent: the name
     * visitors see where the inbox has no operator name; null or blank removes it.
     */
    @PUT
    @Path("{agentId}/public-name")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject namePublicly(@PathParam("agentId") long agentId, JsonObject body) {
        return MeResource.json(administration.namePublicly(caller.id(), agentId,
                JsonFields.text(body, "publicName")));
    }
}
