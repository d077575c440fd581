package com.switchboard.realtime;

import com.switchboard.inbox.boundary.InboxService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who belongs to each inbox, as this node's fan-out needs it for every event of a conversation nobody holds. Read
 * once and kept until a committed membership change says otherwise ({@link InboxService#MEMBERS_CHANGED} on the
 * events topic): asking the database per event made the fan-out wait for a pooled connection behind every
 * request thread under load. Kept at most a minute, in case a change event was lost while the broker was away.
 */
@ApplicationScoped
public class InboxMembers {

    private static final Duration AT_MOST = Duration.ofMinutes(1);

    /** The members as read at {@code readAt}, when {@code changesBefore} changes had been announced. */
    private record Members(Set<Long> agentIds, long readAt, long changesBefore) {
    }

    private final Map<Long, Members> byInbox = new ConcurrentHashMap<>();
    /** Raised by every change: members read before the latest change are not used, even if kept after it. */
    private final AtomicLong changes = new AtomicLong();

    @EJB
    InboxService inboxes;

    public Set<Long> of(long inboxId) {
        var known = byInbox.get(inboxId);
        long now = System.nanoTime();
        long changesNow = changes.get();
        if (known != null && known.changesBefore() == changesNow && now - known.readAt() < AT_MOST.toNanos()) {
            return known.agentIds();
        }
        var agentIds = Set.copyOf(inboxes.memberAgentIds(inboxId));
        byInbox.put(inboxId, new Members(agentIds, now, changesNow));
        return agentIds;
    }

    /** An inbox's members changed (null: any inbox's, such as an agent who left them all). */
    public void changed(Long inboxId) {
        changes.incrementAndGet();
        if (inboxId == null) {
            byInbox.clear();
        } else {
            byInbox.remove(inboxId);
        }
    }
}
