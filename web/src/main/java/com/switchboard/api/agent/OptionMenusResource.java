package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An agent's reply offering the visitor options to pick from (plain replies and notes go over the agent socket).
 * Its own root path, matched before the conversation list's resource.
 */
@Path("agent/conversations/{conversationId}/option-menus")
public class OptionMenusResource {

    @Inject
    CallerAgent caller;

    @EJB
    AgentMessages agentMessages;

    /** Body {@code {"text": "Which one?", "options": ["A", "B"]}} → 201 {conversationId, seq, at}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response offer(@PathParam("conversationId") long conversationId, JsonObject body) {
        var posted = agentMessages.offerOptions(conversationId, caller.id(), JsonFields.text(body, "text"),
                JsonFields.texts(body, "options"));
        return Response.status(Response.Status.CREATED).entity(JSON.createObjectBuilder()
                .add("conversationId", posted.conversationId()).add("seq", posted.seq())
                .add("at", posted.at().toString()).build()).build();
    }
}
