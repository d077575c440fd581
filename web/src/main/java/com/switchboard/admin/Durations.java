package com.switchboard.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the console writes times and lengths of time: "2 min 05 s", "1 h 10 min", "2026-12-01 09:15". */
public final class Durations {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private Durations() {
    }

    public static String of(Duration duration) {
        if (duration == null) {
            return "–";
        }
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + String.format("%02d s", seconds % 60);
        }
        return seconds / 3600 + " h " + String.format("%02d min", seconds % 3600 / 60);
    }

    public static String since(Instant start, Instant now) {
        return start == null ? "–" : of(Duration.between(start, now));
    }

    public static String moment(Instant instant) {
        return instant == null ? "–" : MOMENT.format(instant);
    }
}
