package com.switchboard.integration.control;

import com.switchboard.input.RequestRejectedException;
import java.util.Arrays;

/** The kinds of message legacy systems post on the inbound queue, by their {@code type} in the JSON body. */
public enum InboundType {
    VISITOR_MESSAGE("visitor.message"),
    SYSTEM_MESSAGE("system.message"),
    CONVERSATION_CLOSE("conversation.close");

    private final String wireName;

    InboundType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static InboundType of(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> RequestRejectedException.invalid("inbound.type-unknown",
                        "Unknown message type '" + wireName + "'; known: visitor.message, system.message, "
                                + "conversation.close."));
    }
}
