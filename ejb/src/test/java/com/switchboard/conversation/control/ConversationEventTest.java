package com.switchboard.conversation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConversationEventTest {

    @Test
    void anEventSurvivesTheTripThroughJson() {
        var event = new ConversationEvent(ConversationEvent.MESSAGE_CREATED, 7, 3, 12, "VISITOR",
                "Grüße \"quoted\" 😀\n", Instant.parse("2026-11-22T10:15:30.123456Z"));

        assertEquals(event, ConversationEvent.fromJson(event.toJson().toString()));
    }

    @Test
    void aBodyThatIsNotAnEventIsRefused() {
        for (var body : new String[] {"", "not json", "[]", "{}", "{\"type\":\"message.created\"}",
                "{\"type\":\"x\",\"conversationId\":1.5,\"inboxId\":1,\"seq\":1,\"author\":\"A\",\"text\":\"t\",\"at\":\"2026-11-22T10:00:00Z\"}"}) {
            assertThrows(IllegalArgumentException.class, () -> ConversationEvent.fromJson(body), body);
        }
    }
}
