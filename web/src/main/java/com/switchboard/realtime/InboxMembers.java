package com.switchboard.realtime;

import com.switchboard.cluster.control.ChangeCounter;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.messaging.events.AgentDeactivated;
import com.switchboard.messaging.events.InboxMembersChanged;
import com.switchboard.messaging.events.InternalEvent;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who belongs to each inbox, as this node's fan-out needs it for every event of a conversation nobody holds. Read
 * once and kept until a committed membership change says otherwise ({@link InboxMembersChanged} on the
 * events topic): asking the database per event made the fan-out wait for a pooled connection behind every
 * request thread under load. Kept at most a minute ({@link ChangeCounter}).
 */
@ApplicationScoped
public class InboxMembers {

    private record Members(Set<Long> agentIds, ChangeCounter.Stamp read) {
    }

    private final Map<Long, Members> byInbox = new ConcurrentHashMap<>();
    private final ChangeCounter changes = new ChangeCounter();

    @EJB
    InboxService inboxes;

    public Set<Long> of(long inboxId) {
        var known = byInbox.get(inboxId);
        if (known != null && changes.isCurrent(known.read())) {
            return known.agentIds();
        }
        var stamp = changes.beforeRead();
        var agentIds = Set.copyOf(inboxes.memberAgentIds(inboxId));
        byInbox.put(inboxId, new Members(agentIds, stamp));
        return agentIds;
    }

    /** Some inbox's members changed: every inbox's are read again, as such changes are rare. */
    void changed(@Observes @Priority(InternalEvent.CACHES) InboxMembersChanged event) {
        changes.changed();
    }

    /** A deactivated agent is nobody's member any more (their next frame is refused anyway). */
    void deactivated(@Observes @Priority(InternalEvent.CACHES) AgentDeactivated event) {
        changes.changed();
    }
}
