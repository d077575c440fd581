package com.switchboard.admin.mail;

import com.switchboard.admin.Durations;
import com.switchboard.admin.Feedback;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.mail.boundary.MailOutbox;
import com.switchboard.mail.boundary.MailView;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;

/**
 * Backs admin/mail: where e-mail goes (or that none is sent), the mails that did not go with the server's reason
 * (failed for good, or waiting for another attempt), the newest mails, and sending a failed one again or
 * dismissing it.
 */
@Named
@RequestScoped
public class MailQueue {

    private static final int SHOWN = 100;

    @EJB
    MailOutbox outbox;

    private List<MailView> undelivered;
    private List<MailView> recent;
    private String server;
    private boolean sends;

    @PostConstruct
    void load() {
        sends = outbox.sends();
        server = outbox.server();
        undelivered = outbox.undelivered(SHOWN);
        recent = outbox.recent(SHOWN);
    }

    public String retry(long id) {
        try {
            var mail = outbox.retry(id);
            Feedback.afterRedirect("The e-mail to " + mail.recipient() + " goes again.");
        } catch (RequestRejectedException refused) {
            Feedback.warningAfterRedirect(refused.getMessage());
        }
        return "/admin/mail/index?faces-redirect=true";
    }

    public String dismiss(long id) {
        try {
            outbox.dismiss(id);
            Feedback.afterRedirect("The failed e-mail was dismissed.");
        } catch (RequestRejectedException refused) {
            Feedback.warningAfterRedirect(refused.getMessage());
        }
        return "/admin/mail/index?faces-redirect=true";
    }

    public String moment(Instant at) {
        return at == null ? "" : Durations.moment(at);
    }

    public List<MailView> getUndelivered() {
        return undelivered;
    }

    public List<MailView> getRecent() {
        return recent;
    }

    public String getServer() {
        return server;
    }

    /** "30 days", or the setting as written when it is no whole number of days. */
    public String getRetention() {
        var retention = outbox.retention();
        return retention.toSeconds() % 86_400 == 0 ? retention.toDays() + (retention.toDays() == 1 ? " day" : " days")
                : retention.toString();
    }

    public boolean isSends() {
        return sends;
    }
}
