package com.switchboard.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFiguresTest {

    private static final Instant DAY1 = Instant.parse("2026-11-30T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void everyDayOfTheRangeGetsALineAndTheTotalAveragesWhatIsKnown() {
        var answered = new ConversationFacts(DAY1, DAY1.plusSeconds(40), DAY1.plusSeconds(10), DAY1.plusSeconds(610));
        var slower = new ConversationFacts(DAY1.plusSeconds(60), DAY1.plusSeconds(140), DAY1.plusSeconds(90), null);
        var abandoned = new ConversationFacts(DAY2, null, null, DAY2.plusSeconds(300));
        var outsideTheRange = new ConversationFacts(DAY2.plusSeconds(86_400 * 3), null, null, null);

        var lines = ReportFigures.daily(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-02"), ZoneOffset.UTC,
                List.of(answered, slower, abandoned, outsideTheRange), List.of(DAY1, DAY2.plusSeconds(5)),
                List.of(DAY2));

        assertEquals(4, lines.size(), "three days and the total");
        var first = lines.get(0);
        assertEquals(LocalDate.parse("2026-11-30"), first.day());
        assertEquals(2, first.conversations());
        assertEquals(Duration.ofSeconds(60), first.firstResponse(), "(40 + 80) / 2");
        assertEquals(Duration.ofSeconds(20), first.waiting(), "(10 + 30) / 2");
        assertEquals(Duration.ofSeconds(600), first.handling(), "only the closed one");
        assertEquals(0, first.abandoned());
        assertEquals(1, first.offersRejected());

        var second = lines.get(1);
        assertEquals(1, second.conversations());
        assertEquals(1, second.abandoned());
        assertNull(second.firstResponse());
        assertEquals(1, second.offersRejected());
        assertEquals(1, second.offersExpired());

        var empty = lines.get(2);
        assertEquals(0, empty.conversations());
        assertNull(empty.waiting());

        var total = lines.get(3);
        assertNull(total.day());
        assertEquals(3, total.conversations());
        assertEquals(1, total.abandoned());
        assertEquals(2, total.offersRejected());
        assertEquals(1, total.offersExpired());
        assertEquals(Duration.ofSeconds(60), total.firstResponse());
    }

    @Test
    void csatIsTheSatisfiedShareOfTheRatedConversationsOfEachDay() {
        var happy = new ConversationFacts(DAY1, null, null, DAY1.plusSeconds(60), true);
        var unhappy = new ConversationFacts(DAY1.plusSeconds(5), null, null, DAY1.plusSeconds(60), false);
        var alsoHappy = new ConversationFacts(DAY1.plusSeconds(9), null, null, DAY1.plusSeconds(60), true);
        var unrated = new ConversationFacts(DAY2, null, null, null);

        var lines = ReportFigures.daily(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01"), ZoneOffset.UTC,
                List.of(happy, unhappy, alsoHappy, unrated), List.of(), List.of());

        assertEquals(3, lines.get(0).rated());
        assertEquals(2, lines.get(0).satisfied());
        assertEquals(67, lines.get(0).csatPercent(), "2 of 3, rounded");
        assertNull(lines.get(1).csatPercent(), "nothing rated: no CSAT, not 0 %");
        assertEquals(0, lines.get(1).rated());
        assertEquals(67, lines.get(2).csatPercent(), "the total");
    }

    @Test
    void daysAreTheReadersDaysNotUtcs() {
        var lateEvening = new ConversationFacts(Instant.parse("2026-11-30T23:30:00Z"), null, null, null);
        var lines = ReportFigures.daily(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-01"),
                ZoneOffset.ofHours(1), List.of(lateEvening), List.of(), List.of());
        assertEquals(1, lines.get(0).conversations(), "23:30 UTC is 00:30 on the 1st at UTC+1");
    }
}
