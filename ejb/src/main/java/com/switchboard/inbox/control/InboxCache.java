package com.switchboard.inbox.control;

import com.switchboard.inbox.entity.Inbox;
import com.switchboard.messaging.events.InboxChanged;
import com.switchboard.messaging.events.InternalEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node keeps of inboxes, which every visitor's message reads and admins seldom change. The inboxes
 * themselves are in the persistence unit's shared cache ({@link Inbox}), dropped on every node when a change commits
 * ({@link #changed}, through the events topic), and after a minute in case that event was lost. Beside
 * them, which inbox each name was found to be: a hint, never the truth, since the inbox could have been renamed
 * or deleted since. Whoever uses it checks the name on the inbox and asks the database when it does not match.
 * Only names of inboxes found are kept, so made-up names cannot fill it.
 */
@ApplicationScoped
public class InboxCache {

    private final Map<String, Long> idsByName = new ConcurrentHashMap<>();

    @PersistenceUnit
    EntityManagerFactory persistenceUnit;

    /** The id last found under this name, or null. */
    public Long idOf(String name) {
        return idsByName.get(name);
    }

    public void found(String name, long inboxId) {
        idsByName.put(name, inboxId);
    }

    /** A change of the inbox committed, here or on another node: the next read here takes it from the database. */
    public void changed(long inboxId) {
        persistenceUnit.getCache().evict(Inbox.class, inboxId);
    }

    void changed(@Observes @Priority(InternalEvent.CACHES) InboxChanged event) {
        changed(event.inboxId());
    }
}
