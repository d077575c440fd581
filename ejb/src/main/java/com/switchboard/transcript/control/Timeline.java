package com.switchboard.transcript.control;

import com.switchboard.conversation.entity.EndedBy;
import com.switchboard.transcript.boundary.StaffTranscript.Entry;
import com.switchboard.transcript.boundary.StaffTranscript.Kind;
import com.switchboard.transcript.entity.ConversationMilestone;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts a transcript's entries in order. Messages keep their seq order; a close or an archiving stands after the
 * entry it followed (its {@code afterSeq}, exact whatever the clock's precision), and the first message of the
 * visitor or an agent after a close is where the conversation reopened (that is what reopens one). Routing steps
 * and invitations carry only a time: each goes before the first entry that happened later, so within one second
 * (MariaDB keeps whole seconds) it follows the messages of that second.
 */
final class Timeline {

    /** A close or archiving after entry {@code afterSeq}, {@code by} someone (null: not recorded). */
    record Milestone(ConversationMilestone.Kind kind, long afterSeq, Instant at, EndedBy by) {
    }

    private Timeline() {
    }

    static List<Entry> of(List<Entry> messages, List<Milestone> milestones, List<Entry> timedEvents) {
        var pending = new ArrayDeque<>(milestones.stream().sorted(Comparator.comparingLong(Milestone::afterSeq))
                .toList());
        var ordered = new ArrayList<Entry>();
        boolean ended = false;
        for (var message : messages) {
            while (!pending.isEmpty() && pending.peek().afterSeq() < message.seq()) {
                ordered.add(event(pending.poll()));
                ended = true;
            }
            if (ended && (message.kind() == Kind.VISITOR || message.kind() == Kind.AGENT)) {
                ordered.add(Entry.event(message.at(), "Reopened by " + message.who(), null));
                ended = false;
            }
            ordered.add(message);
        }
        pending.forEach(milestone -> ordered.add(event(milestone)));
        return merge(ordered, timedEvents.stream().sorted(Comparator.comparing(Entry::at)).toList());
    }

    private static Entry event(Milestone milestone) {
        var what = milestone.kind() == ConversationMilestone.Kind.CLOSED ? "Closed" : "Archived";
        return Entry.event(milestone.at(), milestone.by() == null ? what : what + " by " + milestone.by().label(),
                null);
    }

    /** Both lists in their own order; a timed event goes before the first ordered entry later than it. */
    private static List<Entry> merge(List<Entry> ordered, List<Entry> timed) {
        var merged = new ArrayList<Entry>(ordered.size() + timed.size());
        int t = 0;
        for (var entry : ordered) {
            while (t < timed.size() && timed.get(t).at().isBefore(entry.at())) {
                merged.add(timed.get(t++));
            }
            merged.add(entry);
        }
        merged.addAll(timed.subList(t, timed.size()));
        return merged;
    }
}
