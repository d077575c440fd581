package com.switchboard.inbox.entity;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;

/**
 * What happens when a visitor has not answered an agent for {@code minutes}: the conversation closes, gets a system
 * message, or both. Inboxes without a policy have none (null), rather than a policy that is "off".
 */
public record InactivityPolicy(int minutes, InactivityAction action, String message) {

    public static final int MIN_MINUTES = 1;
    public static final int MAX_MINUTES = 432_000;
    public static final int MAX_MESSAGE_LENGTH = 200;

    public InactivityPolicy {
        if (minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
            throw RequestRejectedException.invalid("inbox.inactivity.minutes",
                    "Inactivity must be between " + MIN_MINUTES + " and " + MAX_MINUTES + " minutes.");
        }
        if (action == null) {
            throw RequestRejectedException.invalid("inbox.inactivity.action",
                    "Choose what happens on inactivity: CLOSE, SEND_MESSAGE or SEND_MESSAGE_AND_CLOSE.");
        }
        message = message == null || message.isBlank() ? null
                : UnicodeText.text(message, "inactivity message").strip();
        if (action.sendsMessage() && message == null) {
            throw RequestRejectedException.invalid("inbox.inactivity.message",
                    "The inactivity action sends a message: write it (1 to " + MAX_MESSAGE_LENGTH + " characters).");
        }
        if (message != null && message.codePointCount(0, message.length()) > MAX_MESSAGE_LENGTH) {
            throw RequestRejectedException.invalid("inbox.inactivity.message",
                    "The inactivity message may have at most " + MAX_MESSAGE_LENGTH + " characters.");
        }
        if (!action.sendsMessage()) {
            message = null;
        }
    }
}
