package com.switchboard.api.visitor;

import com.switchboard.api.AttachmentJson;
import com.switchboard.conversation.boundary.ConversationFiles;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The files of the visitor's conversation that they may see (none of the agents' notes). */
@Path("visitor/conversations/{id}/attachments")
public class VisitorConversationAttachmentsResource {

    @EJB
    ConversationFiles attachments;

    /** {@code {images: [...], files: [...]}}. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject list(@PathParam("id") long conversationId,
                           @HeaderParam(VisitorAttachmentsResource.TOKEN) String token) {
        return AttachmentJson.listed(attachments.listForVisitor(token, conversationId));
    }
}
