package com.switchboard.api.agent;

import com.switchboard.security.CallerAgent;
import com.switchboard.transcript.boundary.StaffTranscripts;
import com.switchboard.transcript.boundary.TranscriptFormat;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * A conversation's full transcript for admins and supervisors of its inbox ({@code ?format=html|pdf}), as a
 * download: notes and entries among agents marked, files, options, routing and the conversation's closes.
 */
@Path("agent/conversations/{id}/transcript")
public class TranscriptResource {

    @Inject
    CallerAgent caller;

    @EJB
    StaffTranscripts transcripts;

    @GET
    public Response download(@PathParam("id") long conversationId, @QueryParam("format") String format) {
        var as = TranscriptFormat.parse(format);
        var transcript = transcripts.of(caller.id(), conversationId);
        var response = as == TranscriptFormat.PDF
                ? Response.ok((StreamingOutput) transcript::pdf, as.mediaType())
                : Response.ok(transcript.html(), as.mediaType())
                        // Opened in a browser tab after all: nothing in it runs.
                        .header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'");
        return response.header("Content-Disposition", "attachment; filename=\"" + transcript.fileName(as) + "\"")
                .header("Cache-Control", "private, no-store")
                .build();
    }
}
