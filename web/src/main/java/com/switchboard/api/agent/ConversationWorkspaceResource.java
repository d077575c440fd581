package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.conversation.boundary.AgentWorkspace;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * What the console does to one conversation besides writing in it (the socket carries messages, notes, drafts
 * and read positions): reading the saved draft, marking it unread, tags, close, archive, delete. Its own root
 * path, so the list's resource keeps its participants.
 */
@Path("agent/conversations/{conversationId}/workspace")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationWorkspaceResource {

    @Inject
    CallerAgent caller;

    @EJB
    AgentWorkspace workspace;

    @EJB
    ConversationLifecycle lifecycle;

    /** The caller's draft of this conversation, or null (the socket's {@code draft.save} keeps it). */
    @GET
    @Path("draft")
    public JsonObject draft(@PathParam("conversationId") long conversationId) {
        var draft = workspace.draft(caller.id(), conversationId);
        return JSON.createObjectBuilder().add("text", draft.<JsonValue>map(JSON::createValue)
                .orElse(JsonValue.NULL)).build();
    }

    @POST
    @Path("unread")
    public Response unread(@PathParam("conversationId") long conversationId) {
        workspace.markUnread(caller.id(), conversationId);
        return Response.noContent().build();
    }

    /** Body {@code {"version": n, "tags": ["…"]}} with the version the caller read → the tags now. */
    @PUT
    @Path("tags")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject retag(@PathParam("conversationId") long conversationId, JsonObject body) {
        var tags = lifecycle.retag(conversationId, caller.id(), JsonFields.number(body, "version"),
                JsonFields.texts(body, "tags"));
        var array = JSON.createArrayBuilder();
        tags.stream().sorted().forEach(array::add);
        return JSON.createObjectBuilder().add("tags", array).build();
    }

    @POST
    @Path("close")
    public Response close(@PathParam("conversationId") long conversationId) {
        lifecycle.close(conversationId, caller.id());
        return Response.noContent().build();
    }

    @POST
    @Path("archive")
    public Response archive(@PathParam("conversationId") long conversationId) {
        lifecycle.archive(conversationId, caller.id());
        return Response.noContent().build();
    }

    /** Deletes the conversation for everyone (roles in {@code switchboard.conversations.delete-roles}). */
    @DELETE
    public Response delete(@PathParam("conversationId") long conversationId) {
        lifecycle.delete(caller.id(), List.of(conversationId));
        return Response.noContent().build();
    }
}
