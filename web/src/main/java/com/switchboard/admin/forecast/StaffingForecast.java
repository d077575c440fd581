package com.switchboard.admin.forecast;

import com.switchboard.admin.Durations;
import com.switchboard.admin.Feedback;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.InboxView;
import com.switchboard.report.boundary.Reports;
import com.switchboard.report.boundary.Reports.Traffic;
import com.switchboard.report.control.ErlangC;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Backs admin/forecast: from an inbox's measured traffic (its busiest hour of the last days and the average
 * handling time) or figures typed in, the Erlang C estimate of the agents needed to answer X % of chats within
 * Y seconds. Agents who hold several chats at once count as that many places (an approximation: Erlang C
 * knows one conversation per server).
 */
@Named
@RequestScoped
public class StaffingForecast {

    /** What the estimate says, with the figures it was made from. */
    public record Estimate(double arrivalsPerHour, double handleSeconds, double load, int places, int agents,
                           double serviceLevel, double waitingProbability, double averageWaitSeconds) {
    }

    static final double DEFAULT_HANDLE_SECONDS = 300;

    @EJB
    Reports reports;

    @EJB
    InboxService inboxes;

    private Long inbox;
    private Integer days = 7;
    private Double percent = 80.0;
    private Integer seconds = 30;
    private Integer concurrency = 1;
    private Double arrivals;
    private Integer handle;

    private List<InboxView> allInboxes;
    private Traffic traffic;
    private Estimate estimate;

    @PostConstruct
    void load() {
        allInboxes = inboxes.all();
    }

    /** Estimates from the form (a calculation: nothing is stored). */
    public void estimate() {
        if (!valid()) {
            return;
        }
        if (inbox != null) {
            var end = Instant.now();
            traffic = reports.traffic(inbox, end.minus(Duration.ofDays(days)), end);
        }
        double rate = arrivals != null ? arrivals : traffic == null ? 0 : traffic.peakHourConversations();
        double handling = handle != null ? handle : traffic != null && traffic.averageHandling() != null
                ? Math.max(1, traffic.averageHandling().toSeconds()) : DEFAULT_HANDLE_SECONDS;
        if (inbox == null && arrivals == null) {
            Feedback.error("forecast:inbox", "Choose an inbox to measure, or type the chats per hour below.");
            return;
        }
        try {
            int places = ErlangC.agentsNeeded(rate, handling, percent, seconds);
            double load = ErlangC.load(rate, handling);
            estimate = new Estimate(rate, handling, load, places, (int) Math.ceil(places / (double) concurrency),
                    places == 0 ? 1 : ErlangC.serviceLevel(places, rate, handling, seconds),
                    places == 0 ? 0 : ErlangC.probabilityOfWaiting(places, load),
                    places == 0 ? 0 : ErlangC.averageWaitSeconds(places, rate, handling));
        } catch (IllegalArgumentException tooMuch) {
            Feedback.error("forecast:arrivals", "That is more than " + ErlangC.MAX_AGENTS + " agents: check the figures.");
        }
    }

    private boolean valid() {
        boolean valid = true;
        if (percent == null || percent <= 0 || percent >= 100) {
            Feedback.error("forecast:percent", "The share is between 0 and 100 %, both excluded.");
            valid = false;
        }
        if (seconds == null || seconds < 0 || seconds > 3600) {
            Feedback.error("forecast:seconds", "Answer within 0 to 3600 seconds.");
            valid = false;
        }
        if (days == null || days < 1 || days > 90) {
            Feedback.error("forecast:days", "Measure over 1 to 90 days.");
            valid = false;
        }
        if (concurrency == null || concurrency < 1 || concurrency > 100) {
            Feedback.error("forecast:concurrency", "An agent holds 1 to 100 chats at once.");
            valid = false;
        }
        if (arrivals != null && (arrivals < 0 || arrivals > 1_000_000)) {
            Feedback.error("forecast:arrivals", "Chats per hour are between 0 and 1,000,000.");
            valid = false;
        }
        if (handle != null && (handle < 1 || handle > 86_400)) {
            Feedback.error("forecast:handle", "The handling time is 1 to 86,400 seconds.");
            valid = false;
        }
        return valid;
    }

    public String percentOf(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    public String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    public String time(Duration duration) {
        return Durations.of(duration);
    }

    public String seconds(double value) {
        return Double.isInfinite(value) ? "–" : Durations.of(Duration.ofMillis(Math.round(value * 1000)));
    }

    public String moment(Instant instant) {
        return Durations.moment(instant);
    }

    public List<InboxView> getInboxes() {
        return allInboxes;
    }

    public Traffic getTraffic() {
        return traffic;
    }

    public Estimate getEstimate() {
        return estimate;
    }

    public Long getInbox() {
        return inbox;
    }

    public void setInbox(Long inbox) {
        this.inbox = inbox;
    }

    public Integer getDays() {
        return days;
    }

    public void setDays(Integer days) {
        this.days = days;
    }

    public Double getPercent() {
        return percent;
    }

    public void setPercent(Double percent) {
        this.percent = percent;
    }

    public Integer getSeconds() {
        return seconds;
    }

    public void setSeconds(Integer seconds) {
        this.seconds = seconds;
    }

    public Integer getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(Integer concurrency) {
        this.concurrency = concurrency;
    }

    public Double getArrivals() {
        return arrivals;
    }

    public void setArrivals(Double arrivals) {
        this.arrivals = arrivals;
    }

    public Integer getHandle() {
        return handle;
    }

    public void setHandle(Integer handle) {
        this.handle = handle;
    }
}
