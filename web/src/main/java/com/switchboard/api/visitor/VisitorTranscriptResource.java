package com.switchboard.api.visitor;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.api.attachment.AttachmentJson;
import com.switchboard.conversation.boundary.DialogService;
import com.switchboard.conversation.boundary.TranscriptEntry;
import jakarta.ejb.EJB;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The visitor's own conversation for the widget: its public messages (a reloaded page shows the chat so far)
 * and ending it. The visitor is known by the {@code X-Visitor-Token} header, as for attachments.
 */
@Path("visitor/conversations/{id}")
public class VisitorTranscriptResource {

    @EJB
    DialogService dialogs;

    @GET
    @Path("messages")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonArray transcript(@PathParam("id") long conversationId, @HeaderParam("X-Visitor-Token") String token) {
        var list = JSON.createArrayBuilder();
        dialogs.transcriptForVisitor(token, conversationId).forEach(entry -> list.add(json(entry)));
        return list.build();
    }

    @POST
    @Path("close")
    public Response close(@PathParam("id") long conversationId, @HeaderParam("X-Visitor-Token") String token) {
        dialogs.closeByVisitor(token, conversationId);
        return Response.noContent().build();
    }

    /** Agents appear by role only: the visitor learns an agent's name from the socket's join events. */
    private static JsonObject json(TranscriptEntry entry) {
        var options = JSON.createArrayBuilder();
        entry.options().forEach(options::add);
        return JSON.createObjectBuilder().add("seq", entry.seq()).add("author", entry.author())
                .add("text", entry.text() == null ? "" : entry.text()).add("at", entry.at().toString())
                .add("quoteSeq", entry.quoteSeq() == null ? JsonValue.NULL : JSON.createValue(entry.quoteSeq()))
                .add("options", options)
                .add("pickedOption", entry.pickedOption() == null ? JsonValue.NULL
                        : JSON.createValue(entry.pickedOption()))
                .add("attachments", AttachmentJson.files(entry.attachments())).build();
    }
}
