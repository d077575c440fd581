package com.switchboard.routing.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inboxes whose queue moved since the last second, on this node. Losing the set (a restart) only delays an
 * update of positions until the queue moves again; noting an inbox whose change then rolled back only costs one
 * needless update.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class QueueMoves {

    private final Set<Long> moved = ConcurrentHashMap.newKeySet();

    @EJB
    QueuePositions positions;

    public void note(long inboxId) {
        moved.add(inboxId);
    }

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "publish queue positions")
    void publishMoves() {
        for (var inboxId : Set.copyOf(moved)) {
            moved.remove(inboxId);
            positions.publish(inboxId);
        }
    }
}
