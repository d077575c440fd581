package com.switchboard.conversation.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;

/** What travels on the conversation-events topic: the JSON body names its type; each type has its record. */
public sealed interface TopicEvent permits ConversationEvent, MessageStatusEvent {

    String type();

    long conversationId();

    long inboxId();

    JsonObject toJson();

    /** Parses any event of the topic; a body that is none throws, so that the broker dead-letters it. */
    static TopicEvent fromJson(String json) {
        String type;
        try (var reader = Json.createReader(new StringReader(json))) {
            type = reader.readObject().getString("type");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a conversation event: " + e.getMessage(), e);
        }
        return MessageStatusEvent.MESSAGE_STATUS.equals(type) ? MessageStatusEvent.fromJson(json)
                : ConversationEvent.fromJson(json);
    }
}
