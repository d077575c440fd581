package com.switchboard.conversation.boundary;

import java.util.List;

/** One page of a conversation list and how many conversations the whole list has. */
public record ConversationPage(List<ConversationSummary> items, long total, int page, int size) {
}
