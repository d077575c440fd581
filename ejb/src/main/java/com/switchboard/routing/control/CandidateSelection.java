package com.switchboard.routing.control;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * AUTO routing's choice, free of any infrastructure: among the members who can take the conversation now, the
 * one with the fewest active conversations; on a tie, the one who has waited longest since their last
 * assignment (never assigned counts as longest); then the lower id, so the choice is deterministic. A member who
 * let this conversation's offer expire comes only when nobody else can take it: then it rings for them again
 * rather than waiting out their exclusion (a rejection, by contrast, is a "no" and is respected).
 */
public final class CandidateSelection {

    static final Comparator<Candidate> PREFERENCE = Comparator.comparingInt(Candidate::totalLoad)
            .thenComparing(Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparingLong(Candidate::agentId);

    /** How many eligible and how many skipped candidates an explanation names one by one. */
    static final int NAMED = 10;

    private CandidateSelection() {
    }

    /**
     * The eligible candidates, best first, and why each of the others was skipped; {@code again}: the eligible
     * ones all missed this conversation's last offer, and get it again because nobody else can take it.
     */
    public record Ranking(List<Candidate> eligible, Map<Candidate, String> skipped, boolean again) {

        public Ranking(List<Candidate> eligible, Map<Candidate, String> skipped) {
            this(eligible, skipped, false);
        }

        /**
         * The decision in words, for the routing log: the choice (if any), then the others with their reasons; past
         * {@link #NAMED} of each kind, the rest are counted by reason, so a large inbox still reads at a glance.
         */
        public String explain(Candidate chosen) {
            var text = new StringBuilder();
            if (chosen == null) {
                text.append(eligible.isEmpty() && skipped.isEmpty() ? "No members in this inbox."
                        : "Nobody can take it now.");
            } else {
                text.append("Chose ").append(chosen.label()).append(": ").append(chosen.totalLoad())
                        .append(" active, the fewest");
                if (eligible.size() > 1 && eligible.get(1).totalLoad() == chosen.totalLoad()) {
                    text.append(", and waiting longest since their last conversation");
                }
                text.append('.');
                if (again) {
                    text.append(" Offered again after a missed offer: nobody else can take it.");
                }
            }
            var others = eligible.stream().filter(c -> c != chosen).toList();
            others.stream().limit(NAMED).forEach(c -> text.append(' ').append(c.label()).append(": eligible, ")
                    .append(c.totalLoad()).append(" active."));
            if (others.size() > NAMED) {
                text.append(" ").append(others.size() - NAMED).append(" more eligible.");
            }
            skipped.entrySet().stream().limit(NAMED).forEach(e -> text.append(' ').append(e.getKey().label())
                    .append(": ").append(e.getValue()).append('.'));
            if (skipped.size() > NAMED) {
                var rest = skipped.values().stream().skip(NAMED).collect(Collectors.groupingBy(
                        reason -> reason.replaceAll(" \\(.*\\)", ""), TreeMap::new, Collectors.counting()));
                text.append(" More skipped:");
                rest.forEach((reason, count) -> text.append(' ').append(count).append(' ').append(reason).append(';'));
                text.setLength(text.length() - 1);
                text.append('.');
            }
            return text.toString();
        }
    }

    public static Ranking rank(Collection<Candidate> candidates) {
        var skipped = candidates.stream().filter(c -> c.skipReason() != null)
                .sorted(Comparator.comparingLong(Candidate::agentId))
                .collect(Collectors.toMap(c -> c, Candidate::skipReason, (a, b) -> a, LinkedHashMap::new));
        var eligible = candidates.stream().filter(c -> c.skipReason() == null).sorted(PREFERENCE).toList();
        if (eligible.isEmpty()) {
            var again = candidates.stream().filter(Candidate::missedOffer).map(Candidate::givenAnotherChance)
                    .filter(c -> c.skipReason() == null).sorted(PREFERENCE).toList();
            if (!again.isEmpty()) {
                var ids = again.stream().map(Candidate::agentId).collect(Collectors.toSet());
                skipped.keySet().removeIf(c -> ids.contains(c.agentId()));
                return new Ranking(again, skipped, true);
            }
        }
        return new Ranking(eligible, skipped);
    }
}
