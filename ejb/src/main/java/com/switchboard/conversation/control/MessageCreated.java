package com.switchboard.conversation.control;

import com.switchboard.messaging.events.ConversationEvent;

/**
 * A message was stored: told inside its transaction to observers outside the consoles' path (the legacy systems'
 * outbox), which then commit or roll back with it. The consoles hear of it from the internal topic after commit.
 */
public record MessageCreated(ConversationEvent event) {
}
