package com.switchboard.conversation.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.switchboard.messaging.events.ConversationEvent;
import com.switchboard.messaging.events.InternalEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameTheVisitorSeesTest {

    @Test
    void theInboxsOperatorNameWinsThenThePublicNameThenTheAccountName() {
        assertEquals("Acme Support", NameTheVisitorSees.of("Acme Support", "Annie", "Ann Smith"));
        assertEquals("Annie", NameTheVisitorSees.of(null, "Annie", "Ann Smith"));
        assertEquals("Ann Smith", NameTheVisitorSees.of(null, null, "Ann Smith"));
    }

    @Test
    void noAgentNoName() {
        assertNull(NameTheVisitorSees.of(null, null));
    }

    @Test
    void theVisitorGetsTheNameTheySeeAndNotWhichAgentWhileAgentsGetBoth() {
        var event = new ConversationEvent(ConversationEvent.MESSAGE_CREATED, 7, 3, 12, "AGENT", "Hello",
                Instant.parse("2026-11-22T10:15:30Z"), List.of(), List.of(), 5L, "Ann Smith", null, "c-1", null, null,
                null, "Acme Support");

        var forAgents = event.frame().build();
        assertEquals("Ann Smith", forAgents.getString("agentName"));
        assertEquals(5, forAgents.getInt("agentId"));
        assertEquals("Acme Support", forAgents.getString("visitorAgentName"));

        var forVisitor = event.asTheVisitorSeesIt().frame().build();
        assertEquals("Acme Support", forVisitor.getString("agentName"));
        assertFalse(forVisitor.containsKey("agentId"));
        assertFalse(forVisitor.containsKey("visitorAgentName"));

        assertEquals(event, InternalEvents.parse(event.type(), event.toJson().toString()),
                "the topic keeps both names");
    }
}
