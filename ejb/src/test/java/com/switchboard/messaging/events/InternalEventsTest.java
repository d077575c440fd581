package com.switchboard.messaging.events;

import static com.switchboard.input.Jsonp.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.DeliveryStatus;
import com.switchboard.conversation.entity.Recipient;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The internal topic's contract: every type a node publishes is read back as it was sent, and nothing else is. */
class InternalEventsTest {

    private static final Audience AUDIENCE = new Audience(9, null, Set.of(4L));

    private static final List<InternalEvent> EVERY_TYPE = List.of(
            new ConversationEvent(ConversationEvent.MESSAGE_CREATED, 7, 3, 12, "VISITOR", "hi",
                    Instant.parse("2026-12-06T10:00:00Z"), List.of()).to(AUDIENCE),
            new MessageStatusEvent(7, 3, "AGENT", 1, 4, "READ", null, Instant.parse("2026-12-06T10:00:00Z"))
                    .to(AUDIENCE),
            new VisitorNotice(VisitorNotice.AGENT_JOINED, 7, 3, "Acme Support", AUDIENCE),
            new BlockImposed(9L, null),
            new BlockImposed(null, "203.0.113.0/24"),
            new BlockLifted(5),
            new InboxChanged(3),
            new InboxMembersChanged(3),
            new AgentTokensRevoked(4),
            new AgentDeactivated(4),
            new QueueMoved(3, List.of(9L, 2L, 11L), 90L),
            new QueueMoved(3, List.of(), null),
            new CustomerChanged(9, Set.of(3L, 1L), Set.of(4L)),
            new CustomerTagsChanged(),
            ConversationSignal.of(ConversationSignal.TYPING, 7, 3,
                    JSON.createObjectBuilder().add("author", "AGENT").add("agentId", 4), AUDIENCE),
            AgentNews.of(JSON.createObjectBuilder().add("type", AgentNews.OFFER_CREATED).add("conversationId", 7)
                    .add("inboxId", 3).add("agentId", 4).add("offerId", 8).build()),
            AgentNews.of(JSON.createObjectBuilder().add("type", AgentNews.BROADCAST).add("conversationId", 7)
                    .add("inboxId", 3).build()));

    @Test
    void everyTypeIsReadBackAsItWasSent() {
        for (var event : EVERY_TYPE) {
            assertEquals(event, InternalEvents.parse(event.type(), event.toJson().toString()), event.type());
        }
    }

    @Test
    void aTypeNobodyPublishesOrABodyOfAnotherTypeIsRefused() {
        var typing = EVERY_TYPE.stream().filter(ConversationSignal.class::isInstance).findFirst().orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> InternalEvents.parse("nobody.sends", "{}"));
        assertThrows(IllegalArgumentException.class, () -> InternalEvents.parse(null, "{}"));
        assertThrows(IllegalArgumentException.class,
                () -> InternalEvents.parse(ConversationSignal.DRAFT, typing.toJson().toString()));
        assertThrows(IllegalArgumentException.class,
                () -> InternalEvents.parse(InboxChanged.TYPE, "{\"inboxId\":\"3\"}"));
        assertThrows(IllegalArgumentException.class,
                () -> InternalEvents.parse(BlockImposed.TYPE, "{\"visitorId\":null,\"network\":null}"));
        assertThrows(IllegalArgumentException.class, () -> InternalEvents.parse(AgentNews.TAKEN, "{\"type\":\"x\"}"));
    }

    @Test
    void theNamesTheEventsCarryAreTheConversationsOwn() {
        assertEquals(names(DeliveryStatus.values()), MessageStatusEvent.STATUSES);
        assertEquals(Arrays.stream(Recipient.values()).map(recipient -> recipient.receives().name())
                .collect(Collectors.toSet()), MessageStatusEvent.SENDERS);
        assertEquals(Arrays.stream(AuthorType.values()).filter(author -> !author.isPublic()).map(Enum::name)
                .collect(Collectors.toSet()), ConversationEvent.PRIVATE_AUTHORS);
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }
}
