package com.switchboard.transcript.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.switchboard.conversation.entity.EndedBy;
import com.switchboard.transcript.boundary.StaffTranscript.Entry;
import com.switchboard.transcript.boundary.StaffTranscript.Kind;
import com.switchboard.transcript.entity.ConversationMilestone;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void closesStandAfterTheirEntryAndTheNextWordOfTheVisitorOrAnAgentReopens() {
        var messages = List.of(message(1, Kind.VISITOR, "Lou", 0), message(2, Kind.AGENT, "Ada", 0),
                message(3, Kind.NOTE, "Ada", 0), message(4, Kind.SYSTEM, "System message", 0),
                message(5, Kind.VISITOR, "Lou", 0), message(6, Kind.AGENT, "Ada", 0));
        // Closed twice in the same second as the messages around it (MariaDB's whole seconds): the seq decides.
        var ada = new EndedBy(EndedBy.Kind.AGENT, 2L, "Ada");
        var sue = new EndedBy(EndedBy.Kind.ADMIN, 1L, "Sue");
        var milestones = List.of(new Timeline.Milestone(ConversationMilestone.Kind.CLOSED, 4, T, EndedBy.INACTIVITY),
                new Timeline.Milestone(ConversationMilestone.Kind.CLOSED, 2, T, ada),
                new Timeline.Milestone(ConversationMilestone.Kind.ARCHIVED, 6, T, sue));
        assertEquals(List.of("#1 Lou", "#2 Ada", "Closed by Ada", "#3 Ada", "#4 System message",
                "Closed by the inactivity rule", "Reopened by Lou", "#5 Lou", "#6 Ada",
                "Archived by Sue (admin console)"), lines(Timeline.of(messages, milestones, List.of())));
    }

    @Test
    void aNoteAfterACloseReopensNothing() {
        var messages = List.of(message(1, Kind.VISITOR, "Lou", 0), message(2, Kind.NOTE, "Ada", 1),
                message(3, Kind.INTERNAL, "Ada", 2));
        var milestones = List.of(new Timeline.Milestone(ConversationMilestone.Kind.CLOSED, 1, T, null));
        assertEquals(List.of("#1 Lou", "Closed", "#2 Ada", "#3 Ada"),
                lines(Timeline.of(messages, milestones, List.of())));
    }

    @Test
    void timedEventsGoBeforeTheFirstLaterEntryAndAfterThoseOfTheirSecond() {
        var messages = List.of(message(1, Kind.VISITOR, "Lou", 0), message(2, Kind.AGENT, "Ada", 5));
        var timed = List.of(Entry.event(T.plusSeconds(9), "Late", null), Entry.event(T, "Offered to Ada", null),
                Entry.event(T.plusSeconds(1), "Accepted by Ada", null));
        assertEquals(List.of("#1 Lou", "Offered to Ada", "Accepted by Ada", "#2 Ada", "Late"),
                lines(Timeline.of(messages, List.of(), timed)));
    }

    private static Entry message(long seq, Kind kind, String who, int second) {
        return new Entry(kind, T.plusSeconds(second), seq, who, null, "text " + seq, null, List.of(), null,
                List.of());
    }

    private static List<String> lines(List<Entry> entries) {
        return entries.stream().map(e -> e.seq() == null ? e.who() : "#" + e.seq() + " " + e.who()).toList();
    }
}
