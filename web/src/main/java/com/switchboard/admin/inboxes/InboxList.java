package com.switchboard.admin.inboxes;

import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.routing.boundary.LiveQueues;
import com.switchboard.routing.boundary.LiveQueues.InboxQueue;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.stream.Collectors;

/** Backs admin/inboxes/index: every inbox with its mode, members, online state, widget and who waits now. */
@Named
@RequestScoped
public class InboxList {

    /** One line of the list. */
    public record Line(long id, String name, AssignmentMode mode, int members, boolean online, boolean widgetEnabled,
                       long waiting) {
    }

    @EJB
    InboxService inboxes;

    @EJB
    LiveQueues queues;

    private List<Line> lines;

    @PostConstruct
    void load() {
        var waiting = queues.inboxes().stream().collect(Collectors.toMap(InboxQueue::inboxId, InboxQueue::waiting));
        lines = inboxes.all().stream().map(inbox -> new Line(inbox.id(), inbox.settings().name(),
                inbox.settings().assignmentMode(), inboxes.members(inbox.id()).size(), inboxes.isOnline(inbox.id()),
                inbox.widgetEnabled(), waiting.getOrDefault(inbox.id(), 0L))).toList();
    }

    public List<Line> getLines() {
        return lines;
    }
}
