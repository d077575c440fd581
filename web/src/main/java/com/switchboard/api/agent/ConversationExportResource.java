package com.switchboard.api.agent;

import com.switchboard.customer.boundary.CustomerTags;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.security.CallerAgent;
import com.switchboard.transcript.boundary.ConversationExports;
import com.switchboard.transcript.boundary.ExportKind;
import com.switchboard.transcript.boundary.TranscriptFormat;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * Exports of the conversations the list's filters find, for admins and supervisors (their inboxes):
 * {@code export.csv} (a line per conversation) or {@code export.zip?transcripts=html|pdf} (their transcripts and
 * the CSV as its index). The filters are the list's ({@link ConversationFilters}, customer tags included); an export past its
 * limit is refused before anything is written ({@code export.too-many}).
 */
@Path("agent/conversations/export.{container}")
public class ConversationExportResource {

    @Inject
    CallerAgent caller;

    @EJB
    ConversationExports exports;

    @EJB
    CustomerTags customerTags;

    @GET
    public Response export(@PathParam("container") String container, @QueryParam("transcripts") String transcripts,
                           @BeanParam ConversationFilters filters) {
        var kind = switch (container) {
            case "csv" -> ExportKind.CSV;
            case "zip" -> ExportKind.transcripts(TranscriptFormat.parse(transcripts));
            default -> throw RequestRejectedException.notFound("export.unknown",
                    "Export as export.csv or export.zip.");
        };
        var query = filters.query(customerTags);
        long reader = caller.id();
        var export = exports.prepare(reader, query, kind);
        return Response.ok((StreamingOutput) out -> exports.write(reader, export, out), kind.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                .header("Cache-Control", "private, no-store")
                .build();
    }
}
