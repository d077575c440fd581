package com.switchboard.api.agent;

import com.switchboard.api.AttachmentJson;
import com.switchboard.api.Upload;
import com.switchboard.api.UploadSizeLimit;
import com.switchboard.conversation.boundary.ConversationFiles;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A conversation's attachments for the signed-in agent: send files in a reply (or a note), list them. */
@Path("agent/conversations/{id}/attachments")
public class AgentAttachmentsResource {

    @Inject
    CallerAgent caller;

    @EJB
    ConversationFiles attachments;

    /**
     * A public reply with parts {@code file} (1 to 5) and an optional {@code text}; {@code ?note=true} makes it a
     * private note instead. 201 with the message's seq and its attachments.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @UploadSizeLimit.Limited
    public Response post(@PathParam("id") long conversationId, @QueryParam("note") boolean note,
                         List<EntityPart> parts) {
        var upload = Upload.of(parts);
        var posted = note ? attachments.postNote(conversationId, caller.id(), upload.text(), upload.files())
                : attachments.postAgentMessage(conversationId, caller.id(), upload.text(), upload.files());
        return Response.status(Response.Status.CREATED).entity(AttachmentJson.posted(posted)).build();
    }

    /** {@code {images: [...], files: [...]}}, notes' attachments included. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject list(@PathParam("id") long conversationId) {
        return AttachmentJson.listed(attachments.listForAgent(caller.id(), conversationId));
    }
}
