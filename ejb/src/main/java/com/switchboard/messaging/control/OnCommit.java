package com.switchboard.messaging.control;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Items kept with the current transaction, handed over in the order they were added once it has committed. */
public final class OnCommit {

    private OnCommit() {
    }

    /**
     * The current transaction's list under {@code key}, to add to; the first call registers {@code committed},
     * which gets the list after a commit (and nothing is done after a rollback).
     */
    @SuppressWarnings("unchecked")
    public static <T> List<T> items(TransactionSynchronizationRegistry transaction, Object key,
                                    Consumer<List<T>> committed) {
        var items = (List<T>) transaction.getResource(key);
        if (items == null) {
            var created = new ArrayList<T>();
            transaction.putResource(key, created);
            transaction.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        committed.accept(created);
                    }
                }
            });
            return created;
        }
        return items;
    }
}
