package com.switchboard.api.agent;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.security.CallerAgent;
import com.switchboard.transcript.boundary.ConversationExports;
import com.switchboard.transcript.boundary.ExportKind;
import com.switchboard.transcript.boundary.TranscriptFormat;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;

/**
 * Exports of the conversations the list's filters find, for admins and supervisors (their inboxes):
 * {@code export.csv} (a line per conversation) or {@code export.zip?transcripts=html|pdf} (their transcripts and
 * the CSV as its index). The filters are the list's ({@code GET /api/agent/conversations}); an export past its
 * limit is refused before anything is written ({@code export.too-many}).
 */
@Path("agent/conversations/export.{container}")
public class ConversationExportResource {

    @Inject
    CallerAgent caller;

    @EJB
    ConversationExports exports;

    @GET
    public Response export(@PathParam("container") String container, @QueryParam("transcripts") String transcripts,
                           @QueryParam("assignee") String assignee, @QueryParam("inbox") List<String> inboxes,
                           @QueryParam("channel") String channel, @QueryParam("tag") List<String> tags,
                           @QueryParam("status") List<String> statuses, @QueryParam("sort") String sort,
                           @QueryParam("lastMessageAfter") String after,
                           @QueryParam("lastMessageBefore") String before, @QueryParam("text") String text) {
        var kind = switch (container) {
            case "csv" -> ExportKind.CSV;
            case "zip" -> ExportKind.transcripts(TranscriptFormat.parse(transcripts));
            default -> throw RequestRejectedException.notFound("export.unknown",
                    "Export as export.csv or export.zip.");
        };
        var query = ConversationsResource.query(assignee, inboxes, channel, tags, statuses, sort, after, before,
                text);
        long reader = caller.id();
        var export = exports.prepare(reader, query, kind);
        return Response.ok((StreamingOutput) out -> exports.write(reader, export, out), kind.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                .header("Cache-Control", "private, no-store")
                .build();
    }
}
