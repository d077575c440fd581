package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.agent.entity.Presence;
import com.switchboard.api.JsonFields;
import com.switchboard.conversation.boundary.DeleteRights;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The signed-in agent's own account: what the console shows in its header, and {@code mayDeleteConversations}
 * (whether it offers Delete).
 */
@Path("agent/me")
public class MeResource {

    @Inject
    CallerAgent caller;

    @EJB
    AgentService agents;

    @Inject
    DeleteRights deleteRights;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject me() {
        var agent = agents.find(caller.id());
        return JSON.createObjectBuilder(json(agent))
                .add("mayDeleteConversations", deleteRights.allowed(agent.roles())).build();
    }

    /** Body {@code {"presence": "ONLINE" | "AWAY" | "OFFLINE"}}: online agents get conversations routed to them. */
    @PUT
    @Path("presence")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject changePresence(JsonObject body) {
        var text = JsonFields.text(body, "presence");
        Presence presence;
        try {
            presence = text == null ? null : Presence.valueOf(text);
        } catch (IllegalArgumentException e) {
            presence = null;
        }
        if (presence == null) {
            throw RequestRejectedException.invalid("agent.presence", "Presence is ONLINE, AWAY or OFFLINE.");
        }
        return json(agents.changePresence(caller.id(), presence));
    }

    static JsonObject json(AgentView agent) {
        var roles = JSON.createArrayBuilder();
        agent.roles().forEach(role -> roles.add(role.name()));
        var json = JSON.createObjectBuilder()
                .add("agentId", agent.id())
                .add("email", agent.email())
                .add("name", agent.displayName())
                .add("roles", roles)
                .add("presence", agent.presence().name());
        if (agent.maxConversations() != null) {
            json.add("maxConversations", agent.maxConversations());
        }
        if (agent.publicName() != null) {
            json.add("publicName", agent.publicName());
        }
        return json.build();
    }
}
