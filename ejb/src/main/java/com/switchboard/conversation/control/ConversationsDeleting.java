package com.switchboard.conversation.control;

import java.util.Set;

/**
 * A CDI event, fired inside the deleting transaction before the conversations' rows go: whatever other
 * capabilities keep about them (offers, routing records) goes with them.
 */
public record ConversationsDeleting(Set<Long> conversationIds) {
}
