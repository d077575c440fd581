package com.switchboard.conversation.entity;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How far a message got to its recipient, in the order a message moves through them (declaration order is the
 * rank). A status only ever moves up: READ never becomes DELIVERED again, a delivered message cannot fail. FAILED
 * ranks below DELIVERED because a message that could not be delivered (the visitor had left) may still arrive
 * later (the visitor came back and resumed from its seq).
 */
public enum DeliveryStatus {
    QUEUED, FAILED, DELIVERED, READ;

    /** The statuses a message may leave to take this one. */
    public Set<DeliveryStatus> lower() {
        return Arrays.stream(values()).filter(status -> status.ordinal() < ordinal()).collect(Collectors.toSet());
    }

    public boolean canFollow(DeliveryStatus current) {
        return current.ordinal() < ordinal();
    }
}
