package com.switchboard.it;

import com.switchboard.messaging.Destinations;

/**
 * The legacy systems' queues as this suite names them: not the defaults (the pom sets
 * {@code SWITCHBOARD_JMS_INBOUND_QUEUE} and {@code SWITCHBOARD_JMS_INBOUND_DLQ} for the test broker and the
 * application alike), so every inbound test also proves that the names are configurable. The system tests keep
 * the defaults.
 */
public final class InboundQueues {

    public static final String INBOUND = setting("SWITCHBOARD_JMS_INBOUND_QUEUE", Destinations.INBOUND);
    public static final String DEAD_LETTERS = setting("SWITCHBOARD_JMS_INBOUND_DLQ", Destinations.INBOUND_DLQ);

    private static String setting(String variable, String otherwise) {
        var value = System.getenv(variable);
        return value == null || value.isBlank() ? otherwise : value;
    }

    private InboundQueues() {
    }
}
