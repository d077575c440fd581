package com.switchboard.transcript.boundary;

import com.switchboard.transcript.control.TranscriptHtml;
import com.switchboard.transcript.control.TranscriptPdf;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * A conversation's full record for admins and supervisors: every entry in order — the visitor's and agents'
 * messages (with the name the visitor saw when it was not the agent's own), system messages, private notes and
 * entries among agents (marked as never shown to the visitor), and what happened to the conversation (routing,
 * invitations, closing, reopening, archiving) — with the files of each message and the options an agent offered
 * with the visitor's choice. Agents are named by their account names.
 */
public record StaffTranscript(Facts facts, List<Entry> entries, Instant generatedAt, String generatedBy) {

    /**
     * What the transcript's head says of the conversation; {@code closedBy} and {@code archivedBy} say who in words
     * (null: not recorded).
     */
    public record Facts(long conversationId, long inboxId, String inboxName, String channel, String status, String customer,
                        String customerEmail, boolean customerVerified, Instant startedAt, Instant closedAt,
                        Instant archivedAt, String closedBy, String archivedBy, String heldBy, List<String> agents, List<String> tags, String rating,
                        String ratingComment) {
    }

    public enum Kind {
        VISITOR, AGENT, SYSTEM,
        /** A private note: agents only. */
        NOTE,
        /** Something among agents (invited, joined, left): agents only. */
        INTERNAL,
        /** What happened to the conversation: routing, invitations, closed, reopened, archived. */
        EVENT;

        /** Never shown to the visitor. */
        public boolean isPrivate() {
            return this == NOTE || this == INTERNAL;
        }
    }

    /**
     * One entry: {@code who} wrote it (for an EVENT: what happened), {@code shownAs} the name the visitor saw when
     * it differs, {@code seq} its number in the conversation (null for events), {@code text} the message (for an
     * EVENT: why), {@code quoteSeq} the entry it answers, {@code options} offered with {@code picked} the one the
     * visitor chose (its index, or null).
     */
    public record Entry(Kind kind, Instant at, Long seq, String who, String shownAs, String text, Long quoteSeq,
                        List<String> options, Integer picked, List<File> files) {

        public static Entry event(Instant at, String what, String why) {
            return new Entry(Kind.EVENT, at, null, what, null, why, null, List.of(), null, List.of());
        }
    }

    /** A file sent with a message: its name, detected type and size in bytes. */
    public record File(String name, String mediaType, long size) {
    }

    public String title() {
        return "Conversation #" + facts.conversationId() + " · " + facts.inboxName();
    }

    /** A printable HTML page, every text escaped. */
    public String html() {
        return TranscriptHtml.of(this);
    }

    /** The same as a PDF document, written to {@code out} (left open). */
    public void pdf(OutputStream out) {
        TranscriptPdf.write(this, out);
    }

    /** {@code conversation-12-transcript.html} or {@code .pdf}. */
    public String fileName(TranscriptFormat format) {
        return "conversation-" + facts.conversationId() + "-transcript." + format.extension();
    }
}
