package com.switchboard.messaging.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageStatusEventTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:15:30.123456Z");

    @Test
    void aStatusChangeSurvivesTheTripThroughJsonWithOrWithoutAReason() {
        var failed = new MessageStatusEvent(7, 3, "AGENT", 2, 9, "FAILED", "visitor.left", AT);
        var read = new MessageStatusEvent(7, 3, "VISITOR", 1, 1, "READ", null, AT);

        assertEquals(failed, InternalEvents.parse(failed.type(), failed.toJson().toString()));
        assertEquals(read, InternalEvents.parse(read.type(), read.toJson().toString()));
        assertFalse(read.toJson().containsKey("reason"));
        assertEquals("message.status", read.toJson().getString("type"));
    }

    @Test
    void aMessageCreatedBodyIsNoStatusChange() {
        var created = new ConversationEvent(ConversationEvent.MESSAGE_CREATED, 7, 3, 12, "VISITOR", "hi", AT, null);
        assertThrows(IllegalArgumentException.class,
                () -> InternalEvents.parse(MessageStatusEvent.MESSAGE_STATUS, created.toJson().toString()));
    }

    @Test
    void aStatusBodyThatIsIncompleteIsRefused() {
        for (var body : new String[] {"not json", "{}", "{\"type\":\"message.status\"}",
                "{\"type\":\"message.status\",\"conversationId\":1,\"inboxId\":1,\"author\":\"AGENT\",\"fromSeq\":1,"
                        + "\"toSeq\":2,\"status\":\"LOST\",\"at\":\"2026-11-22T10:00:00Z\"}"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> InternalEvents.parse(MessageStatusEvent.MESSAGE_STATUS, body), body);
        }
    }
}
