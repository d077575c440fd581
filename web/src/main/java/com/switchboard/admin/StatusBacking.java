package com.switchboard.admin;

import com.switchboard.cluster.control.ClusterHeartbeat;
import com.switchboard.cluster.entity.ClusterNode;
import com.switchboard.mail.boundary.MailOutbox;
import com.switchboard.report.boundary.InboxStatistics;
import com.switchboard.report.boundary.Reports;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;

/** Backs admin/status.xhtml: inboxes with their message counts, and the nodes that are alive. */
@Named
@RequestScoped
public class StatusBacking {

    @EJB
    Reports reports;

    @EJB
    ClusterHeartbeat heartbeat;

    @EJB
    MailOutbox mail;

    private List<InboxStatistics> inboxStatistics;
    private String mailServer;
    private int mailsNotSent;
    private List<ClusterNode> nodes;
    private String thisNode;

    @PostConstruct
    void load() {
        inboxStatistics = reports.inboxStatistics();
        nodes = heartbeat.liveNodes();
        thisNode = heartbeat.nodeName();
        mailServer = mail.server();
        mailsNotSent = mail.undelivered(1000).size();
    }

    public List<InboxStatistics> getInboxes() {
        return inboxStatistics;
    }

    public List<ClusterNode> getNodes() {
        return nodes;
    }

    public String getMailServer() {
        return mailServer;
    }

    /** Mails failed for good or waiting for another attempt (up to 1000 counted). */
    public int getMailsNotSent() {
        return mailsNotSent;
    }

    public String getThisNode() {
        return thisNode;
    }
}
