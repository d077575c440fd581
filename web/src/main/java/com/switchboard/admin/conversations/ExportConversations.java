package com.switchboard.admin.conversations;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Feedback;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.transcript.boundary.ConversationExports;
import com.switchboard.transcript.boundary.ExportKind;
import com.switchboard.transcript.boundary.TranscriptFormat;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;

/**
 * Backs the list's exports: every conversation the search finds (not only the page shown), as a CSV or a zip of
 * their transcripts. A refusal (too many, an inbox a supervisor is not in) stays on the list with its reason.
 */
@Named
@RequestScoped
public class ExportConversations {

    @EJB
    ConversationExports exports;

    @Inject
    ConversationSearch search;

    @Inject
    ConsoleUser user;

    public void csv() {
        export(ExportKind.CSV);
    }

    /** {@code html} or {@code pdf} transcripts in a zip. */
    public void transcripts(String format) {
        export(ExportKind.transcripts(TranscriptFormat.parse(format)));
    }

    private void export(ExportKind kind) {
        try {
            var export = exports.prepare(user.id(), search.query(), kind);
            FileResponse.send(export.fileName(), kind.mediaType(), out -> exports.write(user.id(), export, out));
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
        }
    }

    /** The limits, for the page's note. */
    public int getMaxLines() {
        return ExportKind.MAX_LINES;
    }

    public int getMaxTranscripts() {
        return ExportKind.MAX_TRANSCRIPTS;
    }
}
