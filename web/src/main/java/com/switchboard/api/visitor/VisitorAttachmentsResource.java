package com.switchboard.api.visitor;

import com.switchboard.api.AttachmentJson;
import com.switchboard.api.Downloads;
import com.switchboard.api.Upload;
import com.switchboard.api.UploadSizeLimit;
import com.switchboard.conversation.boundary.ConversationFiles;
import com.switchboard.input.ClientAddresses;
import com.switchboard.security.RequestAddress;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Attachments for the widget. The visitor is known by the token the visitor socket gave them, sent as the header
 * {@code X-Visitor-Token} (never in the URL, where logs and referrers would keep it).
 */
@Path("visitor/attachments")
public class VisitorAttachmentsResource {

    static final String TOKEN = "X-Visitor-Token";

    @EJB
    ConversationFiles attachments;

    @Inject
    ClientAddresses clientAddresses;

    /** A message with parts {@code file} (1 to 5) and an optional {@code text}, in the inbox's conversation. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @UploadSizeLimit.Limited
    public Response post(@QueryParam("inbox") String inbox, @HeaderParam(TOKEN) String token,
                         List<EntityPart> parts, @Context HttpServletRequest request) {
        var upload = Upload.of(parts);
        var posted = attachments.postVisitorMessage(inbox, token, upload.text(), upload.files(),
                RequestAddress.of(clientAddresses, request));
        return Response.status(Response.Status.CREATED).entity(AttachmentJson.posted(posted)).build();
    }

    @GET
    @Path("{id}")
    public Response open(@PathParam("id") long attachmentId, @HeaderParam(TOKEN) String token) {
        return Downloads.of(attachments.openForVisitor(token, attachmentId));
    }
}
