package com.switchboard.conversation.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.inbox.entity.Inbox;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.visitor.entity.Visitor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConversationEndedByTest {

    private static final EndedBy ANNA = new EndedBy(EndedBy.Kind.AGENT, 7L, "Anna");

    @Test
    void aCloseRecordsWhoAndWhenAndASecondCloseKeepsTheFirst() {
        var conversation = conversation();
        var at = Instant.parse("2026-12-06T12:03:00Z");
        conversation.close(at, ANNA);
        conversation.close(at.plusSeconds(60), EndedBy.INACTIVITY);

        assertEquals(ANNA, conversation.ended().closedBy());
        assertEquals(at, conversation.ended().closedAt());
    }

    @Test
    void aReopeningClearsWhoClosedItAndTheNextCloseIsItsOwn() {
        var conversation = conversation();
        var at = Instant.parse("2026-12-06T12:03:00Z");
        conversation.close(at, EndedBy.VISITOR);
        conversation.reopen(at.plusSeconds(1));

        assertNull(conversation.ended().closedBy());
        assertNull(conversation.ended().closedAt());
        conversation.close(at.plusSeconds(2), EndedBy.SYSTEM);
        assertEquals(EndedBy.SYSTEM, conversation.ended().closedBy());
    }

    @Test
    void anArchiveRecordsWhoAndKeepsTheClose() {
        var conversation = conversation();
        var at = Instant.parse("2026-12-06T12:03:00Z");
        conversation.close(at, EndedBy.VISITOR);
        var admin = new EndedBy(EndedBy.Kind.ADMIN, 1L, "Admin");
        conversation.archive(at.plusSeconds(1), admin);

        assertEquals(admin, conversation.ended().archivedBy());
        assertEquals(EndedBy.VISITOR, conversation.ended().closedBy());
    }

    @Test
    void agentsComeWithTheirIdAndNameAndNobodyElseDoes() {
        assertThrows(IllegalArgumentException.class, () -> new EndedBy(EndedBy.Kind.AGENT, null, "Anna"));
        assertThrows(IllegalArgumentException.class, () -> new EndedBy(EndedBy.Kind.VISITOR, 7L, "Anna"));
        assertEquals("Anna", ANNA.label());
        assertEquals("the visitor", EndedBy.VISITOR.label());
        assertEquals("Anna (admin console)", new EndedBy(EndedBy.Kind.ADMIN, 7L, "Anna").label());
    }

    private static Conversation conversation() {
        var settings = new InboxSettings("support", null, null, null, null, null, null);
        return new Conversation(new Inbox(settings, "key", null), new Visitor("token"), Channel.WIDGET,
                Instant.parse("2026-12-06T12:00:00Z"));
    }
}
