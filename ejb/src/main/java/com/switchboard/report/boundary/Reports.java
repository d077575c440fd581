package com.switchboard.report.boundary;

import com.switchboard.conversation.entity.Message;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.inbox.entity.InboxMembership;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.report.control.ConversationFacts;
import com.switchboard.report.control.ReportFigures;
import com.switchboard.routing.entity.RoutingOutcome;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports for supervisors, per inbox or per agent (or everything), per day of a range: conversations started,
 * first response time, wait until an agent had it, handling time, abandoned while waiting, offers rejected and
 * expired, and CSAT (the share of rated conversations whose visitor was satisfied). A conversation belongs to the day it started (in the reader's time zone) and, for an agent's report,
 * to its current holder; offers to the day they were decided.
 */
@Stateless
public class Reports {

    public static final int MAX_DAYS = 366;
    private static final List<RoutingOutcome> REACHED_AN_AGENT = List.of(RoutingOutcome.ACCEPTED,
            RoutingOutcome.ASSIGNED);

    /** A report's lines: one per day, then the total of the range. */
    public record ConversationReport(LocalDate from, LocalDate to, List<ReportFigures.Line> days,
                                     ReportFigures.Line total) {
    }

    /** An inbox's measured traffic over a range: the average and the busiest clock hour, and the handling time. */
    public record Traffic(long conversations, double averagePerHour, long peakHourConversations, Instant peakHour,
                          Duration averageHandling) {
    }

    @PersistenceContext
    EntityManager em;

    public ConversationReport conversations(LocalDate from, LocalDate to, ZoneId zone, Long inboxId, Long agentId) {
        requireRange(from, to);
        var start = from.atStartOfDay(zone).toInstant();
        var end = to.plusDays(1).atStartOfDay(zone).toInstant();
        var lines = ReportFigures.daily(from, to, zone, facts(start, end, inboxId, agentId),
                offers(RoutingOutcome.REJECTED, start, end, inboxId, agentId),
                offers(RoutingOutcome.EXPIRED, start, end, inboxId, agentId));
        return new ConversationReport(from, to, lines.subList(0, lines.size() - 1), lines.get(lines.size() - 1));
    }

    public Traffic traffic(long inboxId, Instant start, Instant end) {
        var facts = facts(start, end, inboxId, null);
        Map<Instant, Long> perHour = new HashMap<>();
        facts.forEach(f -> perHour.merge(f.createdAt().truncatedTo(ChronoUnit.HOURS), 1L, Long::sum));
        var peak = perHour.entrySet().stream().max(Map.Entry.<Instant, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElse(null);
        double hours = Math.max(1, Duration.between(start, end).toMinutes() / 60.0);
        var handled = facts.stream().filter(f -> f.assignedAt() != null && f.closedAt() != null
                && !f.closedAt().isBefore(f.assignedAt())).mapToLong(f -> Duration.between(f.assignedAt(),
                f.closedAt()).toMillis()).average();
        return new Traffic(facts.size(), facts.size() / hours, peak == null ? 0 : peak.getValue(),
                peak == null ? null : peak.getKey(),
                handled.isPresent() ? Duration.ofMillis(Math.round(handled.getAsDouble())) : null);
    }

    private List<ConversationFacts> facts(Instant start, Instant end, Long inboxId, Long agentId) {
        var scope = scope(inboxId, agentId);
        Map<Long, Instant> assigned = new HashMap<>();
        // The first in Java: an aggregate of a converted column reaches the converter as the driver's type.
        bind(em.createQuery("SELECT d.conversationId, d.decidedAt FROM RoutingDecision d "
                + "WHERE d.outcome IN :reached AND d.conversationId IN (SELECT c.id FROM Conversation c "
                + "WHERE c.createdAt >= :start AND c.createdAt < :end" + scope + ")",
                Object[].class), start, end, inboxId, agentId)
                .setParameter("reached", REACHED_AN_AGENT).getResultList()
                .forEach(row -> assigned.merge((Long) row[0], (Instant) row[1], (a, b) -> a.isBefore(b) ? a : b));
        Map<Long, Boolean> satisfied = new HashMap<>();
        bind(em.createQuery("SELECT r.conversationId, r.satisfied FROM ConversationRating r "
                + "WHERE r.conversationId IN (SELECT c.id FROM Conversation c "
                + "WHERE c.createdAt >= :start AND c.createdAt < :end" + scope + ")",
                Object[].class), start, end, inboxId, agentId).getResultList()
                .forEach(row -> satisfied.put((Long) row[0], (Boolean) row[1]));
        return bind(em.createQuery("SELECT c.id, c.createdAt, c.activity.firstResponseAt, c.ended.closed.endedAt, "
                        + "c.ended.archived.endedAt FROM Conversation c "
                        + "WHERE c.createdAt >= :start AND c.createdAt < :end" + scope,
                Object[].class), start, end, inboxId, agentId).getResultStream()
                .map(row -> new ConversationFacts((Instant) row[1], (Instant) row[2], assigned.get((Long) row[0]),
                        row[3] != null ? (Instant) row[3] : (Instant) row[4], satisfied.get((Long) row[0])))
                .toList();
    }

    private List<Instant> offers(RoutingOutcome outcome, Instant start, Instant end, Long inboxId, Long agentId) {
        var query = "SELECT d.decidedAt FROM RoutingDecision d WHERE d.outcome = :outcome "
                + "AND d.decidedAt >= :start AND d.decidedAt < :end"
                + (agentId == null ? "" : " AND d.agentId = :agentId")
                + (inboxId == null ? "" : " AND d.conversationId IN (SELECT c.id FROM Conversation c "
                + "WHERE c.inbox.id = :inboxId)");
        var typed = em.createQuery(query, Instant.class).setParameter("outcome", outcome)
                .setParameter("start", start).setParameter("end", end);
        if (agentId != null) {
            typed.setParameter("agentId", agentId);
        }
        if (inboxId != null) {
            typed.setParameter("inboxId", inboxId);
        }
        return typed.getResultList();
    }

    private static String scope(Long inboxId, Long agentId) {
        return (inboxId == null ? "" : " AND c.inbox.id = :inboxId")
                + (agentId == null ? "" : " AND c.assigneeId = :agentId");
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, Instant start, Instant end, Long inboxId,
                                          Long agentId) {
        query.setParameter("start", start).setParameter("end", end);
        if (inboxId != null) {
            query.setParameter("inboxId", inboxId);
        }
        if (agentId != null) {
            query.setParameter("agentId", agentId);
        }
        return query;
    }

    private static void requireRange(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw RequestRejectedException.invalid("report.range", "Choose a first and a last day, in that order.");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw RequestRejectedException.invalid("report.range", "A report covers at most " + MAX_DAYS + " days.");
        }
    }

    /** What the status page shows of each inbox: its members and the messages of its conversations. */
    public List<InboxStatistics> inboxStatistics() {
        var members = countsByInbox(InboxMembership.COUNT_BY_INBOX);
        var messages = countsByInbox(Message.COUNT_BY_INBOX);
        return em.createNamedQuery(Inbox.ALL, Inbox.class).getResultList().stream()
                .map(inbox -> new InboxStatistics(inbox.getName(), members.getOrDefault(inbox.getId(), 0L),
                        messages.getOrDefault(inbox.getId(), 0L)))
                .toList();
    }

    /** Runs a {@code SELECT inboxId, COUNT(...) ... GROUP BY inboxId} query. */
    private Map<Long, Long> countsByInbox(String query) {
        Map<Long, Long> counts = new HashMap<>();
        em.createNamedQuery(query, Object[].class).getResultList()
                .forEach(row -> counts.put((Long) row[0], (Long) row[1]));
        return counts;
    }
}
