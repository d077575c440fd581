package com.switchboard.api.visitor;

import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The visitor's chat log of a chat that has ended, to keep (a download): an HTML page, or a PDF with
 * {@code ?format=pdf}; public messages and the names of their files, agents as the visitor saw them; never notes.
 * 409 {@code chat-log.chat-open} while the chat goes on, 404 {@code conversation.unknown} for an unknown or
 * someone else's conversation, 400 {@code chat-log.format} for another format.
 */
@Path("visitor/conversations/{id}/log")
public class ChatLogResource {

    static final String TOKEN = "X-Visitor-Token";

    @EJB
    Transcripts transcripts;

    @GET
    public Response download(@PathParam("id") long conversationId, @HeaderParam(TOKEN) String token,
                             @QueryParam("format") String format) {
        boolean pdf = pdf(format);
        var log = transcripts.chatLogForVisitor(token, conversationId);
        var response = pdf ? Response.ok(log.pdf(), "application/pdf")
                : Response.ok(log.html(), "text/html; charset=UTF-8");
        return response.header("Content-Disposition", "attachment; filename=\"chat-" + conversationId
                        + (pdf ? ".pdf" : ".html") + "\"")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    private static boolean pdf(String format) {
        if (format == null || format.isBlank() || format.equals("html")) {
            return false;
        }
        if (format.equals("pdf")) {
            return true;
        }
        throw RequestRejectedException.invalid("chat-log.format", "The chat log comes as 'html' or 'pdf'.");
    }
}
