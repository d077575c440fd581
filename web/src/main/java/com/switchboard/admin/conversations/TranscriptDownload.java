package com.switchboard.admin.conversations;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Feedback;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.transcript.boundary.StaffTranscripts;
import com.switchboard.transcript.boundary.TranscriptFormat;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Backs the conversation page's downloads: its full transcript as a printable HTML page or a PDF. A supervisor
 * outside the conversation's inbox is told why on the page.
 */
@Named
@RequestScoped
public class TranscriptDownload {

    @EJB
    StaffTranscripts transcripts;

    @Inject
    ConsoleUser user;

    /** {@code format}: {@code html} or {@code pdf}. */
    public void download(long conversationId, String format) {
        try {
            var as = TranscriptFormat.parse(format);
            var transcript = transcripts.of(user.id(), conversationId);
            FileResponse.send(transcript.fileName(as), as.mediaType(), out -> {
                if (as == TranscriptFormat.PDF) {
                    transcript.pdf(out);
                } else {
                    out.write(transcript.html().getBytes(StandardCharsets.UTF_8));
                }
            });
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
        }
    }
}
