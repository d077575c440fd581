package com.switchboard.inbox.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class InboxSettingsTest {

    @Test
    void aNewInboxGetsTheProductDefaults() {
        var settings = InboxSettings.defaults("  Sales  ");

        assertEquals("Sales", settings.name());
        assertEquals(AssignmentMode.AUTO, settings.assignmentMode());
        assertEquals(Duration.ofSeconds(30), settings.reassignmentTimeout());
        assertNull(settings.inactivity());
        assertNull(settings.replyTimeLimit());
        assertEquals(EnumSet.allOf(AttachmentType.class), settings.attachmentTypes());
    }

    @Test
    void namesHaveOneToAHundredCharacters() {
        assertEquals(100, InboxSettings.defaults("é".repeat(100)).name().length());
        rejected("inbox.name", () -> InboxSettings.defaults("é".repeat(101)));
        rejected("inbox.name", () -> InboxSettings.defaults("   "));
        rejected("inbox.name", () -> InboxSettings.defaults(null));
    }

    @Test
    void theReassignmentTimeoutIsFiveSecondsToAnHour() {
        assertEquals(Duration.ofSeconds(5), timeout(Duration.ofSeconds(5)).reassignmentTimeout());
        assertEquals(Duration.ofSeconds(3600), timeout(Duration.ofSeconds(3600)).reassignmentTimeout());
        rejected("inbox.reassignment-timeout", () -> timeout(Duration.ofSeconds(4)));
        rejected("inbox.reassignment-timeout", () -> timeout(Duration.ofSeconds(3601)));
        rejected("inbox.reassignment-timeout", () -> timeout(Duration.ofMillis(5500)));
    }

    @Test
    void inactivityLastsOneMinuteToThreeHundredDays() {
        assertEquals(1, new InactivityPolicy(1, InactivityAction.CLOSE, null).minutes());
        assertEquals(432_000, new InactivityPolicy(432_000, InactivityAction.CLOSE, null).minutes());
        rejected("inbox.inactivity.minutes", () -> new InactivityPolicy(0, InactivityAction.CLOSE, null));
        rejected("inbox.inactivity.minutes", () -> new InactivityPolicy(432_001, InactivityAction.CLOSE, null));
        rejected("inbox.inactivity.action", () -> new InactivityPolicy(5, null, null));
    }

    @Test
    void actionsThatSendAMessageNeedOneOfAtMostTwoHundredCharacters() {
        assertEquals("Still there?", new InactivityPolicy(5, InactivityAction.SEND_MESSAGE, " Still there? ").message());
        assertEquals(200, new InactivityPolicy(5, InactivityAction.SEND_MESSAGE_AND_CLOSE, "😀".repeat(200))
                .message().codePointCount(0, 400));
        rejected("inbox.inactivity.message", () -> new InactivityPolicy(5, InactivityAction.SEND_MESSAGE, " "));
        rejected("inbox.inactivity.message",
                () -> new InactivityPolicy(5, InactivityAction.SEND_MESSAGE_AND_CLOSE, "x".repeat(201)));
        // CLOSE sends nothing, so a message given with it is not kept.
        assertNull(new InactivityPolicy(5, InactivityAction.CLOSE, "ignored").message());
    }

    @Test
    void theOfflineMessageAndReplyTimeLimitHaveLimits() {
        var offline = new InboxSettings("a", null, null, null, "o".repeat(2000), Duration.ofDays(30), Set.of());
        assertEquals(2000, offline.offlineMessage().length());
        assertEquals(Set.of(), offline.attachmentTypes());
        rejected("inbox.offline-message",
                () -> new InboxSettings("a", null, null, null, "o".repeat(2001), null, null));
        rejected("inbox.reply-time-limit",
                () -> new InboxSettings("a", null, null, null, null, Duration.ofDays(31), null));
        rejected("inbox.reply-time-limit", () -> new InboxSettings("a", null, null, null, null, Duration.ZERO, null));
    }

    private static InboxSettings timeout(Duration timeout) {
        return new InboxSettings("a", null, timeout, null, null, null, null);
    }

    private static void rejected(String code, Executable creation) {
        var e = assertThrows(RequestRejectedException.class, creation);
        assertEquals(code, e.code());
        assertEquals(RequestRejectedException.Kind.INVALID, e.kind());
    }
}
