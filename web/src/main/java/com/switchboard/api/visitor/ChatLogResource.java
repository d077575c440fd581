package com.switchboard.api.visitor;

import com.switchboard.conversation.boundary.Transcripts;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The visitor's chat log of a chat that has ended, as an HTML page to keep (a download): public messages and the
 * names of their files, agents as the visitor saw them; never notes. 409 {@code chat-log.chat-open} while the chat
 * goes on, 404 {@code conversation.unknown} for an unknown or someone else's conversation.
 */
@Path("visitor/conversations/{id}/log")
public class ChatLogResource {

    static final String TOKEN = "X-Visitor-Token";

    @EJB
    Transcripts transcripts;

    @GET
    public Response download(@PathParam("id") long conversationId, @HeaderParam(TOKEN) String token) {
        var log = transcripts.chatLogForVisitor(token, conversationId);
        return Response.ok(log.html(), "text/html; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"chat-" + conversationId + ".html\"")
                .header("Cache-Control", "private, no-store")
                .build();
    }
}
