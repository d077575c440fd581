package com.switchboard.report.control;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Adds conversations and offer outcomes up into a report's figures, one line per day of the range (days without
 * anything included) and a line for the whole range. Averages are over the conversations that have the figure: a
 * conversation nobody answered has no first response time.
 */
public final class ReportFigures {

    /** The figures of one day, or of the whole range ({@code day} null). Averages are null without data. */
    public record Line(LocalDate day, long conversations, Duration firstResponse, Duration waiting,
                       Duration handling, long abandoned, long offersRejected, long offersExpired, long rated,
                       long satisfied) {

        /** CSAT: the share of rated conversations whose visitor was satisfied, in whole percent; null unrated. */
        public Integer csatPercent() {
            return rated == 0 ? null : (int) Math.round(100.0 * satisfied / rated);
        }
    }

    private ReportFigures() {
    }

    public static List<Line> daily(LocalDate from, LocalDate to, ZoneId zone, List<ConversationFacts> conversations,
                                   List<Instant> rejectedOffers, List<Instant> expiredOffers) {
        Map<LocalDate, List<ConversationFacts>> byDay = new TreeMap<>();
        Map<LocalDate, long[]> offers = new TreeMap<>();
        for (var day = from; !day.isAfter(to); day = day.plusDays(1)) {
            byDay.put(day, new ArrayList<>());
            offers.put(day, new long[2]);
        }
        conversations.forEach(c -> {
            var day = byDay.get(LocalDate.ofInstant(c.createdAt(), zone));
            if (day != null) {
                day.add(c);
            }
        });
        rejectedOffers.forEach(at -> count(offers, at, zone, 0));
        expiredOffers.forEach(at -> count(offers, at, zone, 1));
        var lines = new ArrayList<Line>();
        byDay.forEach((day, facts) -> lines.add(line(day, facts, offers.get(day))));
        lines.add(line(null, byDay.values().stream().flatMap(List::stream).toList(),
                offers.values().stream().reduce(new long[2], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]})));
        return lines;
    }

    private static void count(Map<LocalDate, long[]> offers, Instant at, ZoneId zone, int index) {
        var day = offers.get(LocalDate.ofInstant(at, zone));
        if (day != null) {
            day[index]++;
        }
    }

    private static Line line(LocalDate day, List<ConversationFacts> facts, long[] offers) {
        return new Line(day, facts.size(),
                average(facts, c -> between(c.createdAt(), c.firstResponseAt())),
                average(facts, c -> between(c.createdAt(), c.assignedAt())),
                average(facts, c -> between(c.assignedAt(), c.closedAt())),
                facts.stream().filter(ConversationFacts::abandoned).count(), offers[0], offers[1],
                facts.stream().filter(c -> c.satisfied() != null).count(),
                facts.stream().filter(c -> Boolean.TRUE.equals(c.satisfied())).count());
    }

    private static Duration between(Instant start, Instant end) {
        return start == null || end == null || end.isBefore(start) ? null : Duration.between(start, end);
    }

    private static Duration average(List<ConversationFacts> facts, Function<ConversationFacts, Duration> figure) {
        var known = facts.stream().map(figure).filter(d -> d != null).toList();
        return known.isEmpty() ? null
                : Duration.ofMillis(Math.round(known.stream().mapToLong(Duration::toMillis).average().orElse(0)));
    }
}
