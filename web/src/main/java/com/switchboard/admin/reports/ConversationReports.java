package com.switchboard.admin.reports;

import com.switchboard.admin.Durations;
import com.switchboard.admin.Feedback;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.documents.Csv;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.InboxView;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.report.boundary.Reports.ConversationReport;
import com.switchboard.report.boundary.Reports;
import com.switchboard.report.control.ReportFigures.Line;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Backs admin/reports: a range of days for one inbox, one agent or everything (in the address, so a report can be
 * bookmarked), with a chart of conversations per day and a CSV download of the same lines.
 */
@Named
@ViewScoped
public class ConversationReports implements Serializable {

    static final int DEFAULT_DAYS = 7;

    @EJB
    Reports reports;

    @EJB
    InboxService inboxes;

    @EJB
    AgentService agents;

    @Inject
    FacesContext faces;

    private String from;
    private String to;
    private Long inbox;
    private Long agent;
    private ConversationReport report;
    private List<InboxView> allInboxes;
    private List<AgentView> allAgents;

    /** The view action of the GET. */
    public void run() {
        allInboxes = inboxes.all();
        allAgents = agents.all();
        var today = LocalDate.now(zone());
        try {
            var first = day(from, today.minusDays(DEFAULT_DAYS - 1));
            var last = day(to, today);
            from = first.toString();
            to = last.toString();
            if (inbox != null && agent != null) {
                throw RequestRejectedException.invalid("report.scope", "Report on an inbox or on an agent, not both.");
            }
            report = reports.conversations(first, last, zone(), inbox, agent);
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
            report = null;
        }
    }

    /** "80 %" of the rated conversations' visitors satisfied, or a dash when none was rated. */
    public String csat(Line line) {
        return line.csatPercent() == null ? "–" : line.csatPercent() + " %";
    }

    public void export() throws IOException {
        if (report == null) {
            Feedback.error(null, "Correct the report's range first.");
            return;
        }
        var csv = new StringBuilder(Csv.row(List.of(inbox != null ? "Inbox" : agent != null ? "Agent" : "Scope",
                scopeName(), "From", report.from().toString(), "To", report.to().toString())));
        csv.append(Csv.row(List.of("Day", "Conversations", "First response (s)", "Wait (s)", "Handling (s)",
                "Abandoned", "Offers rejected", "Offers expired", "Rated", "Satisfied", "CSAT (%)")));
        var lines = new ArrayList<>(report.days());
        lines.add(report.total());
        lines.forEach(line -> csv.append(Csv.row(Arrays.asList(line.day() == null ? "Total" : line.day().toString(),
                line.conversations(), seconds(line.firstResponse()), seconds(line.waiting()),
                seconds(line.handling()), line.abandoned(), line.offersRejected(), line.offersExpired(),
                line.rated(), line.satisfied(), line.csatPercent()))));
        var external = faces.getExternalContext();
        external.responseReset();
        external.setResponseContentType("text/csv; charset=UTF-8");
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"switchboard-report-"
                + report.from() + "-" + report.to() + ".csv\"");
        external.setResponseHeader("Cache-Control", "private, no-store");
        var bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        external.setResponseContentLength(bytes.length);
        external.getResponseOutputStream().write(bytes);
        faces.responseComplete();
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }

    private static LocalDate day(String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw RequestRejectedException.invalid("report.range", "Dates are written like 2026-12-01.");
        }
    }

    private static ZoneId zone() {
        return ZoneId.systemDefault();
    }

    /** The inbox's or agent's name alone (a cell of the CSV: a name may look like a formula). */
    private String scopeName() {
        if (inbox != null) {
            return allInboxes.stream().filter(i -> i.id() == inbox).map(i -> i.settings().name()).findFirst()
                    .orElse(String.valueOf(inbox));
        }
        if (agent != null) {
            return allAgents.stream().filter(a -> a.id() == agent).map(AgentView::displayName).findFirst()
                    .orElse(String.valueOf(agent));
        }
        return "all inboxes";
    }

    /** What the report is about, as its heading says it. */
    public String scope() {
        if (inbox != null) {
            return allInboxes.stream().filter(i -> i.id() == inbox).map(i -> "inbox " + i.settings().name())
                    .findFirst().orElse("inbox " + inbox);
        }
        if (agent != null) {
            return allAgents.stream().filter(a -> a.id() == agent).map(a -> "agent " + a.displayName())
                    .findFirst().orElse("agent " + agent);
        }
        return "all inboxes";
    }

    public String chart() {
        return SvgChart.bars("Conversations per day, " + scope(),
                report.days().stream().map(l -> l.day().toString().substring(5)).toList(),
                report.days().stream().map(Line::conversations).toList());
    }

    public String time(Duration duration) {
        return Durations.of(duration);
    }

    public ConversationReport getReport() {
        return report;
    }

    public List<InboxView> getInboxes() {
        return allInboxes;
    }

    public List<AgentView> getAgents() {
        return allAgents;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public Long getInbox() {
        return inbox;
    }

    public void setInbox(Long inbox) {
        this.inbox = inbox;
    }

    public Long getAgent() {
        return agent;
    }

    public void setAgent(Long agent) {
        this.agent = agent;
    }
}
