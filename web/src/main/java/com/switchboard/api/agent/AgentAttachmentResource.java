package com.switchboard.api.agent;

import com.switchboard.api.Downloads;
import com.switchboard.conversation.boundary.ConversationFiles;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** One attachment, opened by the signed-in agent if they may read its conversation. */
@Path("agent/attachments/{id}")
public class AgentAttachmentResource {

    @Inject
    CallerAgent caller;

    @EJB
    ConversationFiles attachments;

    @GET
    public Response open(@PathParam("id") long attachmentId) {
        return Downloads.of(attachments.openForAgent(caller.id(), attachmentId));
    }
}
