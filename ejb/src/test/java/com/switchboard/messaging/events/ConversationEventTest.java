package com.switchboard.messaging.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationEventTest {

    @Test
    void anEventSurvivesTheTripThroughJson() {
        var event = new ConversationEvent(ConversationEvent.MESSAGE_CREATED, 7, 3, 12, "VISITOR",
                "Grüße \"quoted\" 😀\n", Instant.parse("2026-11-22T10:15:30.123456Z"), List.of());
        var menu = new ConversationEvent(ConversationEvent.MESSAGE_CREATED, 7, 3, 13, "AGENT", "Which one?",
                Instant.parse("2026-11-22T10:15:31Z"), List.of("Billing", "Ein \"Problem\""));

        assertEquals(event, parse(event.toJson()));
        assertEquals(menu, parse(menu.toJson()));
        assertEquals(List.of(), event.attachments());
    }

    @Test
    void theAttachmentsOfAMessageTravelWithIt() {
        var files = List.of(new EventFile(41, "plan \"v2\".pdf", "application/pdf", "FILE", 1234),
                new EventFile(42, "photo.jpg", "image/jpeg", "IMAGE", 20L * 1024 * 1024));
        var event = new ConversationEvent(ConversationEvent.MESSAGE_CREATED, 7, 3, 12, "AGENT", "",
                Instant.parse("2026-11-22T10:15:30Z"), List.of(), files, 5L, "Ann", null, "c-1", null, null, null);

        var json = event.toJson();
        assertEquals("photo.jpg", json.getJsonArray("attachments").getJsonObject(1).getString("name"));
        assertEquals("IMAGE", json.getJsonArray("attachments").getJsonObject(1).getString("kind"));
        assertEquals(event, parse(json));
    }

    @Test
    void aReplayedEntryCarriesHowFarItGot() {
        var failed = new ConversationEvent(ConversationEvent.MESSAGE_CREATED, 7, 3, 12, "AGENT", "still there?",
                Instant.parse("2026-11-22T10:15:30Z"), List.of(), List.of(), 5L, "Ann", null, null,
                "FAILED", "visitor.left", null);

        var frame = failed.frame().build();
        assertEquals("FAILED", frame.getString("status"));
        assertEquals("visitor.left", frame.getString("statusReason"));
        assertEquals(failed, parse(frame));
    }

    @Test
    void theSenderAndTheAudienceTravelWithIt() {
        var event = new ConversationEvent(ConversationEvent.MESSAGE_CREATED, 7, 3, 12, "NOTE", "between us",
                Instant.parse("2026-11-22T10:15:30Z"), List.of(), List.of(), 5L, "Ann", 11L, "c-1",
                "QUEUED", null, new Audience(9, 5L, Set.of(8L, 6L)));

        var parsed = parse(event.toJson());

        assertEquals(event, parsed);
        assertTrue(parsed.audience().includesAgent(6));
        assertFalse(parsed.audience().includesAgent(7));
        assertFalse(parsed.audience().openToInbox());
        assertFalse(parsed.isPublic());
        var frame = event.frame().build();
        assertFalse(frame.containsKey("participantIds"), "a socket client is not told whom an event is for");
        assertFalse(frame.containsKey("visitorId"));
        assertEquals("Ann", frame.getString("agentName"));
    }

    @Test
    void aBodyThatIsNotAnEventIsRefused() {
        for (var body : new String[] {"", "not json", "[]", "{}", "{\"type\":\"message.created\"}",
                "{\"type\":\"x\",\"conversationId\":1.5,\"inboxId\":1,\"seq\":1,\"author\":\"A\",\"text\":\"t\",\"at\":\"2026-11-22T10:00:00Z\"}"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> InternalEvents.parse(ConversationEvent.MESSAGE_CREATED, body), body);
        }
    }

    /** As the consumer reads it: by the type the topic's property names. */
    private static ConversationEvent parse(JsonObject json) {
        return (ConversationEvent) InternalEvents.parse(ConversationEvent.MESSAGE_CREATED, json.toString());
    }
}
