package com.switchboard.routing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.entity.Presence;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateSelectionTest {

    private static final Instant EARLY = Instant.parse("2026-11-22T08:00:00Z");
    private static final Instant LATE = Instant.parse("2026-11-22T09:00:00Z");

    @Test
    void theLeastLoadedEligibleMemberComesFirst() {
        var ranking = CandidateSelection.rank(List.of(
                online(1, "Ada", 2, 5, 2, null, EARLY),
                online(2, "Bob", 0, 5, 3, null, EARLY),
                online(3, "Cy", 1, 5, 1, null, EARLY)));

        assertEquals(List.of(3L, 1L, 2L), ids(ranking), "overall load counts, not the load in this inbox");
    }

    @Test
    void onEqualLoadWhoeverWaitedLongestWinsAndNeverAssignedIsLongest() {
        var ranking = CandidateSelection.rank(List.of(
                online(1, "Ada", 1, 5, 1, null, LATE),
                online(2, "Bob", 1, 5, 1, null, EARLY),
                online(3, "Cy", 1, 5, 1, null, null)));

        assertEquals(List.of(3L, 2L, 1L), ids(ranking));
        assertTrue(ranking.explain(ranking.eligible().get(0)).contains("waiting longest"));
    }

    @Test
    void everyoneWhoCannotTakeItIsSkippedWithTheReason() {
        var away = new Candidate(1, "Ada", Presence.AWAY, 0, 5, 0, null, null, null);
        var offline = new Candidate(2, "Bob", Presence.OFFLINE, 0, 5, 0, null, null, null);
        var full = online(3, "Cy", 5, 5, 5, null, null);
        var capped = online(4, "Di", 1, 5, 3, 3, null);
        var rejected = new Candidate(5, "Ed", Presence.ONLINE, 0, 5, 0, null, null, "rejected this conversation");
        var free = online(6, "Flo", 4, 5, 4, 10, null);

        var ranking = CandidateSelection.rank(List.of(away, offline, full, capped, rejected, free));

        assertEquals(List.of(6L), ids(ranking));
        assertEquals("away", ranking.skipped().get(away));
        assertEquals("offline", ranking.skipped().get(offline));
        assertEquals("full in this inbox (5/5)", ranking.skipped().get(full));
        assertEquals("at their overall limit (3/3)", ranking.skipped().get(capped));
        assertEquals("rejected this conversation", ranking.skipped().get(rejected));
        var explanation = ranking.explain(free);
        assertTrue(explanation.startsWith("Chose Flo #6: 4 active, the fewest."), explanation);
        assertTrue(explanation.contains("Cy #3: full in this inbox (5/5).") && explanation.contains("Ada #1: away."),
                explanation);
    }

    @Test
    void whoMissedTheOfferComesAfterEveryoneElseAndGetsItAgainWhenAlone() {
        var missed = new Candidate(1, "Ada", Presence.ONLINE, 0, 5, 0, null, null, null, true);
        var busy = online(2, "Bob", 3, 5, 3, null, null);

        var withColleague = CandidateSelection.rank(List.of(missed, busy));
        assertEquals(List.of(2L), ids(withColleague), "a colleague who can take it comes first");
        assertEquals("let this conversation's offer expire", withColleague.skipped().get(missed));
        assertFalse(withColleague.again());

        var alone = CandidateSelection.rank(List.of(missed, online(3, "Cy", 5, 5, 5, null, null)));
        assertEquals(List.of(1L), ids(alone), "alone on duty: one missed offer does not lock her out");
        assertTrue(alone.again());
        assertFalse(alone.skipped().keySet().stream().anyMatch(c -> c.agentId() == 1));
        assertTrue(alone.explain(alone.eligible().get(0)).contains("Offered again after a missed offer"));
        assertEquals(null, alone.eligible().get(0).now(Presence.ONLINE, 0, 0).skipReason(),
                "counted again under her lock, she still may");

        var rejected = new Candidate(4, "Di", Presence.ONLINE, 0, 5, 0, null, null, "rejected this conversation");
        assertEquals(List.of(), ids(CandidateSelection.rank(List.of(rejected))), "a rejection is respected");
        var awayAfterMissing = new Candidate(5, "Ed", Presence.AWAY, 0, 5, 0, null, null, null, true);
        assertEquals(List.of(), ids(CandidateSelection.rank(List.of(awayAfterMissing))), "away is away");
    }

    @Test
    void roomIsAboutPresenceAndLimitsNotAboutThisConversation() {
        assertTrue(new Candidate(5, "Ed", Presence.ONLINE, 0, 5, 0, null, null, "rejected this conversation")
                .hasRoom(), "excluded from one conversation, free for the next");
        assertFalse(online(3, "Cy", 5, 5, 5, null, null).hasRoom());
        assertFalse(new Candidate(1, "Ada", Presence.AWAY, 0, 5, 0, null, null, null).hasRoom());
        assertEquals("Nobody can take it now. Ada #1: away.", CandidateSelection.rank(List.of(
                new Candidate(1, "Ada", Presence.AWAY, 0, 5, 0, null, null, null))).explain(null));
        assertEquals("No members in this inbox.", CandidateSelection.rank(List.of()).explain(null));
    }

    @Test
    void aLargeInboxIsExplainedByNameForTheFirstFewAndByCountsForTheRest() {
        var members = new java.util.ArrayList<Candidate>();
        for (int i = 1; i <= 40; i++) {
            members.add(online(i, "Eligible" + i, i % 3, 5, i % 3, null, null));
        }
        for (int i = 41; i <= 70; i++) {
            members.add(new Candidate(i, "Away" + i, Presence.AWAY, 0, 5, 0, null, null, null));
        }
        for (int i = 71; i <= 80; i++) {
            members.add(online(i, "Full" + i, 5, 5, 5, null, null));
        }
        var ranking = CandidateSelection.rank(members);

        var explanation = ranking.explain(ranking.eligible().get(0));

        assertTrue(explanation.contains(" 29 more eligible."), explanation);
        assertTrue(explanation.endsWith(" More skipped: 20 away; 10 full in this inbox."), explanation);
        assertTrue(explanation.length() < 1200, explanation.length() + " characters");
    }

    private static Candidate online(long id, String name, int inboxLoad, int capacity, int totalLoad, Integer cap,
                                    Instant lastAssigned) {
        return new Candidate(id, name, Presence.ONLINE, inboxLoad, capacity, totalLoad, cap, lastAssigned, null);
    }

    private static List<Long> ids(CandidateSelection.Ranking ranking) {
        return ranking.eligible().stream().map(Candidate::agentId).toList();
    }
}
