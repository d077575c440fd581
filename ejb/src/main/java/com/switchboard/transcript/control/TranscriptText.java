package com.switchboard.transcript.control;

import com.switchboard.transcript.boundary.StaffTranscript;
import com.switchboard.transcript.boundary.StaffTranscript.Entry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words of a staff transcript, the same in its HTML page and its PDF. */
final class TranscriptText {

    static final String SCOPE = "Staff transcript: every entry, private notes and entries among agents included "
            + "(marked as never shown to the visitor). Agents are named by their account names.";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TranscriptText() {
    }

    static String time(Instant instant) {
        return instant == null ? "–" : TIME.format(instant);
    }

    static String generated(StaffTranscript transcript) {
        return "Generated " + time(transcript.generatedAt()) + " for " + transcript.generatedBy() + ".";
    }

    /** The head's facts as label and value, in reading order (values may be empty: not shown). */
    static List<String[]> facts(StaffTranscript.Facts facts) {
        var lines = new ArrayList<String[]>();
        var customer = new StringBuilder(facts.customer());
        if (facts.customerEmail() != null && !facts.customer().equals(facts.customerEmail())) {
            customer.append(" <").append(facts.customerEmail()).append('>');
        }
        if (facts.customerVerified()) {
            customer.append(" (verified by the site)");
        }
        lines.add(new String[] {"Customer", customer.toString()});
        lines.add(new String[] {"Inbox", facts.inboxName()});
        lines.add(new String[] {"Channel", facts.channel()});
        lines.add(new String[] {"Status", facts.status()});
        lines.add(new String[] {"Started", time(facts.startedAt())});
        if (facts.closedAt() != null) {
            lines.add(new String[] {"Closed", time(facts.closedAt()) + by(facts.closedBy())});
        }
        if (facts.archivedAt() != null) {
            lines.add(new String[] {"Archived", time(facts.archivedAt()) + by(facts.archivedBy())});
        }
        lines.add(new String[] {"Held by", facts.heldBy() == null ? "nobody" : facts.heldBy()});
        lines.add(new String[] {"Agents", facts.agents().isEmpty() ? "none" : String.join(", ", facts.agents())});
        lines.add(new String[] {"Tags", facts.tags().isEmpty() ? "none" : String.join(", ", facts.tags())});
        lines.add(new String[] {"Rating", facts.rating() == null ? "not rated" : facts.rating()
                + (facts.ratingComment() == null || facts.ratingComment().isBlank() ? ""
                : ": “" + facts.ratingComment() + "”")});
        return lines;
    }

    private static String by(String who) {
        return who == null ? "" : " by " + who;
    }

    /** "#4 · Ada", with the name the visitor saw when it was another. */
    static String byline(Entry entry) {
        var line = new StringBuilder();
        if (entry.seq() != null) {
            line.append('#').append(entry.seq()).append(" · ");
        }
        line.append(entry.who());
        if (entry.shownAs() != null) {
            line.append(" (shown to the visitor as ").append(entry.shownAs()).append(')');
        }
        return line.toString();
    }

    /** What marks an entry the visitor never saw; null for the others. */
    static String privateMark(Entry entry) {
        return switch (entry.kind()) {
            case NOTE -> "Private note · never shown to the visitor";
            case INTERNAL -> "Among agents · never shown to the visitor";
            default -> null;
        };
    }

    static String option(Entry entry, int index) {
        var option = entry.options().get(index);
        return entry.picked() != null && entry.picked() == index ? option + " ← the visitor's choice" : option;
    }

    static String optionsHeading(Entry entry) {
        return entry.picked() == null ? "Options offered (not answered):" : "Options offered:";
    }

    static String file(StaffTranscript.File file) {
        return file.name() + " (" + file.mediaType() + ", " + size(file.size()) + ")";
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
