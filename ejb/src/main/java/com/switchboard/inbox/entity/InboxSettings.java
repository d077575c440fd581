package com.switchboard.inbox.entity;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything an admin decides about an inbox, valid by construction: each broken rule is rejected with its
 * own code. {@code inactivity} and {@code replyTimeLimit} are null when the inbox has none.
 * {@code rerouteWhenAgentLeaves}: the conversations an agent holds go back to routing when they go offline
 * (otherwise they stay with them until they are back).
 */
public record InboxSettings(String name, AssignmentMode assignmentMode, Duration reassignmentTimeout,
                            InactivityPolicy inactivity, String offlineMessage, Duration replyTimeLimit,
                            Set<AttachmentType> attachmentTypes, boolean rerouteWhenAgentLeaves) {

    public static final int MAX_NAME_LENGTH = 100;
    public static final Duration DEFAULT_REASSIGNMENT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration MIN_REASSIGNMENT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MAX_REASSIGNMENT_TIMEOUT = Duration.ofHours(1);
    public static final int MAX_OFFLINE_MESSAGE_LENGTH = 2000;
    public static final Duration MAX_REPLY_TIME_LIMIT = Duration.ofDays(30);

    public InboxSettings {
        name = name == null ? "" : UnicodeText.line(name, "inbox name").strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw RequestRejectedException.invalid("inbox.name",
                    "An inbox name has 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        assignmentMode = assignmentMode == null ? AssignmentMode.AUTO : assignmentMode;
        reassignmentTimeout = reassignmentTimeout == null ? DEFAULT_REASSIGNMENT_TIMEOUT : reassignmentTimeout;
        if (reassignmentTimeout.compareTo(MIN_REASSIGNMENT_TIMEOUT) < 0
                || reassignmentTimeout.compareTo(MAX_REASSIGNMENT_TIMEOUT) > 0
                || reassignmentTimeout.toMillis() % 1000 != 0) {
            throw RequestRejectedException.invalid("inbox.reassignment-timeout",
                    "The reassignment timeout is a whole number of seconds from 5 to 3600.");
        }
        offlineMessage = offlineMessage == null || offlineMessage.isBlank() ? null
                : UnicodeText.text(offlineMessage, "offline message").strip();
        if (offlineMessage != null
                && offlineMessage.codePointCount(0, offlineMessage.length()) > MAX_OFFLINE_MESSAGE_LENGTH) {
            throw RequestRejectedException.invalid("inbox.offline-message",
                    "The offline message may have at most " + MAX_OFFLINE_MESSAGE_LENGTH + " characters.");
        }
        if (replyTimeLimit != null && (replyTimeLimit.toSeconds() < 1 || replyTimeLimit.compareTo(MAX_REPLY_TIME_LIMIT) > 0)) {
            throw RequestRejectedException.invalid("inbox.reply-time-limit",
                    "The reply time limit is between one second and 30 days, or none.");
        }
        attachmentTypes = attachmentTypes == null ? EnumSet.allOf(AttachmentType.class)
                : attachmentTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(attachmentTypes));
    }

    /** The same, where conversations stay with an agent who goes offline. */
    public InboxSettings(String name, AssignmentMode assignmentMode, Duration reassignmentTimeout,
                         InactivityPolicy inactivity, String offlineMessage, Duration replyTimeLimit,
                         Set<AttachmentType> attachmentTypes) {
        this(name, assignmentMode, reassignmentTimeout, inactivity, offlineMessage, replyTimeLimit, attachmentTypes,
                false);
    }

    /** An inbox as a newcomer gets it: automatic assignment, 30 s to accept, every attachment type. */
    public static InboxSettings defaults(String name) {
        return new InboxSettings(name, null, null, null, null, null, null);
    }

    public InboxSettings withName(String newName) {
        return new InboxSettings(newName, assignmentMode, reassignmentTimeout, inactivity, offlineMessage,
                replyTimeLimit, attachmentTypes, rerouteWhenAgentLeaves);
    }
}
