package com.switchboard.conversation.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashSet;
import java.util.Set;

/**
 * The conversations the current transaction started, which nobody else can know before it commits: their insert
 * holds their row's lock, they have no participants, and no event of theirs was numbered yet. Who publishes their
 * first events asks here instead of the database.
 */
@ApplicationScoped
public class StartedHere {

    private static final Object KEY = StartedHere.class.getName();

    @Resource
    TransactionSynchronizationRegistry transaction;

    /** Called where conversations are started (VisitorMessages), in the transaction that inserts it. */
    public void add(long conversationId) {
        started(true).add(conversationId);
    }

    public boolean includes(long conversationId) {
        var started = started(false);
        return started != null && started.contains(conversationId);
    }

    @SuppressWarnings("unchecked")
    private Set<Long> started(boolean create) {
        var started = (Set<Long>) transaction.getResource(KEY);
        if (started == null && create) {
            started = new HashSet<>();
            transaction.putResource(KEY, started);
        }
        return started;
    }
}
