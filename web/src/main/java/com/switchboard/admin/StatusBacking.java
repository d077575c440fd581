package com.switchboard.admin;

import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.InboxStatistics;
import com.switchboard.platform.control.ClusterHeartbeat;
import com.switchboard.platform.entity.ClusterNode;
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
    InboxService inboxes;

    @EJB
    ClusterHeartbeat heartbeat;

    private List<InboxStatistics> inboxStatistics;
    private List<ClusterNode> nodes;
    private String thisNode;

    @PostConstruct
    void load() {
        inboxStatistics = inboxes.statistics();
        nodes = heartbeat.liveNodes();
        thisNode = heartbeat.nodeName();
    }

    public List<InboxStatistics> getInboxes() {
        return inboxStatistics;
    }

    public List<ClusterNode> getNodes() {
        return nodes;
    }

    public String getThisNode() {
        return thisNode;
    }
}
