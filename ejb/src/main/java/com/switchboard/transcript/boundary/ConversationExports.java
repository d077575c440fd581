package com.switchboard.transcript.boundary;

import com.switchboard.conversation.boundary.ConversationDirectory;
import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.documents.Csv;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.transcript.control.ExportRows;
import com.switchboard.transcript.control.StaffScope;
import com.switchboard.transcript.control.StaffTimelines;
import com.switchboard.transcript.control.TranscriptRights;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports of the conversations a list's filters find (the admin console's list, the API's): a CSV line per
 * conversation, or a zip of their transcripts. Admins export any conversation, supervisors those of their inboxes
 * (a filter without an inbox means all of theirs), agents none. Each kind has a limit ({@link ExportKind}); an
 * export past it is refused whole ({@code export.too-many}), before anything is written.
 */
@Stateless
public class ConversationExports {

    /** Lines read per batch: a few queries each. */
    private static final int BATCH = 500;

    @PersistenceContext
    EntityManager em;

    @EJB
    TranscriptRights rights;

    @EJB
    ConversationDirectory directory;

    @EJB
    ExportRows rows;

    @EJB
    StaffTimelines timelines;

    /** Which conversations the export holds: the query's, within the reader's inboxes, refused past the limit. */
    public ConversationExport prepare(long agentId, ConversationQuery query, ExportKind kind) {
        var scope = rights.scopeOf(agentId);
        var scoped = query;
        if (!scope.everyInbox()) {
            query.inboxIds().stream().filter(id -> !scope.covers(id)).findFirst().ifPresent(id -> {
                var inbox = em.find(Inbox.class, id);
                throw TranscriptRights.outside(inbox == null ? "inbox " + id : inbox.getName());
            });
            if (query.inboxIds().isEmpty()) {
                if (scope.inboxIds().isEmpty()) {
                    return new ConversationExport(kind, List.of(), Instant.now());
                }
                scoped = query.withInboxes(scope.inboxIds());
            }
        }
        var matching = directory.matching(agentId, scoped, kind.limit());
        if (matching.total() > kind.limit()) {
            throw RequestRejectedException.invalid("export.too-many", matching.total()
                    + " conversations match; " + (kind == ExportKind.CSV ? "a CSV export holds" : "an export of "
                    + "transcripts holds") + " at most " + kind.limit() + ". Narrow the filters (an inbox, a "
                    + "status, a shorter range of dates).");
        }
        return new ConversationExport(kind, matching.ids(), Instant.now());
    }

    /**
     * Writes the export to {@code out} (left open), reading in transactions of its own per batch and per
     * transcript, so what was read never piles up; a conversation deleted meanwhile, or moved out of the reader's
     * inboxes, is left out.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void write(long agentId, ConversationExport export, OutputStream out) {
        var scope = rights.scopeOf(agentId);
        try {
            if (export.kind() == ExportKind.CSV) {
                csv(scope, export.conversationIds(), out);
                out.flush();
                return;
            }
            var zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            zip.putNextEntry(new ZipEntry("conversations.csv"));
            csv(scope, export.conversationIds(), zip);
            zip.closeEntry();
            var format = export.kind().transcriptFormat();
            for (var id : export.conversationIds()) {
                var transcript = timelines.of(id, scope.reader().getDisplayName())
                        .filter(t -> scope.covers(t.facts().inboxId()));
                if (transcript.isEmpty()) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(transcript.get().fileName(format)));
                if (format == TranscriptFormat.PDF) {
                    transcript.get().pdf(zip);
                } else {
                    zip.write(transcript.get().html().getBytes(StandardCharsets.UTF_8));
                }
                zip.closeEntry();
            }
            zip.finish();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void csv(StaffScope scope, List<Long> ids, OutputStream out) throws IOException {
        out.write(Csv.row(ExportRows.HEADER).getBytes(StandardCharsets.UTF_8));
        for (int from = 0; from < ids.size(); from += BATCH) {
            var batch = rows.of(ids.subList(from, Math.min(ids.size(), from + BATCH)));
            var text = new StringBuilder();
            batch.stream().filter(row -> scope.covers(row.inboxId())).forEach(row -> text.append(Csv.row(row.cells())));
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
