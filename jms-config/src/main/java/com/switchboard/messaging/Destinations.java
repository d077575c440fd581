package com.switchboard.messaging;

/**
 * Names of every JMS destination Switchboard uses: the single place both the application and the broker
 * configuration ({@code switchboard-broker.xml}) refer to.
 */
public final class Destinations {

    /**
     * Internal fan-out of committed conversation events. A topic, not a queue: every node holds its own
     * WebSocket sessions, so every node must see every event and push it to the sockets it holds.
     */
    public static final String CONVERSATION_EVENTS = "switchboard.conversation-events";

    /**
     * Routing work (route a conversation, drain an agent's queues, withdraw an agent's offers). A queue: exactly one
     * node acts on each request; any node may.
     */
    public static final String ROUTING = "switchboard.routing";

    /**
     * Legacy systems' inbound JSON messages (docs/JMS-CONTRACT.md). A queue: each message is handled once, by
     * whichever node is free. The default of the environment variable {@code SWITCHBOARD_JMS_INBOUND_QUEUE}.
     */
    public static final String INBOUND = "switchboard.inbound";

    /**
     * Where inbound messages that cannot be handled end: refused ones (with a {@code switchboard_reason}
     * property) and those that failed every delivery attempt. Never redelivered by Switchboard. The default of
     * the setting {@code switchboard.jms.inbound-dlq}.
     */
    public static final String INBOUND_DLQ = "switchboard.inbound.dlq";

    /**
     * Conversation events for legacy systems (docs/JMS-CONTRACT.md, outbound). A topic: every subscriber (a CRM,
     * a data warehouse, ...) gets every event. The default of the setting {@code switchboard.jms.events-topic}.
     */
    public static final String EVENTS = "switchboard.events";

    /** The string property a dead-lettered inbound message carries: the error code, a colon, the message. */
    public static final String REASON_PROPERTY = "switchboard_reason";

    /**
     * The boolean property of an outbound event sent again by the outbox's sweep: the broker may have had it
     * already (a node died between the broker's commit and the outbox's), so a subscriber may get it twice.
     */
    public static final String RESENT_PROPERTY = "switchboard_resent";

    /** Artemis' duplicate-detection property: the broker keeps one message per value and address. */
    public static final String DUPLICATE_ID_PROPERTY = "_AMQ_DUPL_ID";
    /**
     * The broker user that sent a message: which legacy system it came from. The broker sets it over whatever the
     * sender put there when it is configured to ({@code populate-validated-user}, docs/OPERATIONS.md); without that
     * setting it is the sender's word.
     */
    public static final String VALIDATED_USER_PROPERTY = "_AMQ_VALIDATED_USER";

    /** The name under which the Artemis resource adapter is deployed; MDBs and connection factories name it. */
    public static final String RESOURCE_ADAPTER = "artemis-rar";

    private Destinations() {
    }
}
