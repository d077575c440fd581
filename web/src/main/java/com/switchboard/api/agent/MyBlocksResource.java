package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.conversation.boundary.ConversationDirectory;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.security.CallerAgent;
import com.switchboard.visitor.boundary.AgentBlocks;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The signed-in agent's own blocks: visitors and colleagues who may not message them. */
@Path("agent/me/blocks")
@Produces(MediaType.APPLICATION_JSON)
public class MyBlocksResource {

    @Inject
    CallerAgent caller;

    @EJB
    AgentBlocks blocks;

    @EJB
    ConversationDirectory conversations;

    @GET
    public JsonArray list() {
        var list = JSON.createArrayBuilder();
        blocks.of(caller.id()).forEach(entry -> list.add(json(entry)));
        return list.build();
    }

    /** Body {@code {"visitorId": n}} or {@code {"agentId": n}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response block(JsonObject body) {
        var visitorId = JsonFields.optionalNumber(body, "visitorId");
        var agentId = JsonFields.optionalNumber(body, "agentId");
        if ((visitorId == null) == (agentId == null)) {
            throw RequestRejectedException.invalid("agent-block.target", "Name either a visitorId or an agentId.");
        }
        if (visitorId != null) {
            conversations.requireVisitorReadable(caller.id(), visitorId);
        }
        var entry = visitorId != null ? blocks.blockVisitor(caller.id(), visitorId)
                : blocks.blockAgent(caller.id(), agentId);
        return Response.status(Response.Status.CREATED).entity(json(entry)).build();
    }

    @DELETE
    @Path("{blockId}")
    public Response unblock(@PathParam("blockId") long blockId) {
        blocks.unblock(caller.id(), blockId);
        return Response.noContent().build();
    }

    private static JsonObject json(AgentBlocks.Entry entry) {
        return JSON.createObjectBuilder()
                .add("blockId", entry.id())
                .add("visitorId", entry.visitorId() == null ? JsonValue.NULL : JSON.createValue(entry.visitorId()))
                .add("agentId", entry.agentId() == null ? JsonValue.NULL : JSON.createValue(entry.agentId()))
                .add("name", entry.name())
                .add("createdAt", entry.createdAt().toString())
                .build();
    }
}
