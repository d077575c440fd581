package com.switchboard.agent.entity;

import com.switchboard.input.RequestRejectedException;

/** How many conversations an agent may hold at once: in one inbox, or over all of them. */
public final class Capacity {

    public static final int MIN = 1;
    public static final int MAX = 100;
    public static final int DEFAULT = 5;

    private Capacity() {
    }

    public static int validate(int capacity, String code) {
        if (capacity < MIN || capacity > MAX) {
            throw RequestRejectedException.invalid(code,
                    "A capacity is between " + MIN + " and " + MAX + " conversations, not " + capacity + ".");
        }
        return capacity;
    }
}
