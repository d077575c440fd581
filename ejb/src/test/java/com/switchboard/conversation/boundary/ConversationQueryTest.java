package com.switchboard.conversation.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.ConversationQuery.Assignee;
import com.switchboard.conversation.boundary.ConversationQuery.Sort;
import com.switchboard.conversation.control.MessagePreviews;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.input.RequestRejectedException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConversationQueryTest {

    @Test
    void byDefaultEveryActiveConversationInProcessingOrder() {
        var query = ConversationQuery.all();
        assertEquals(Assignee.anyone(), query.assignee());
        assertEquals(Set.of(ConversationStatus.WAITING, ConversationStatus.OFFERED, ConversationStatus.ASSIGNED,
                ConversationStatus.CLOSED), query.statuses(), "the archive only when asked for");
        assertEquals(Sort.PROCESSING_ORDER, query.sort());
        assertEquals(0, query.page());
        assertEquals(ConversationQuery.DEFAULT_SIZE, query.size());
        assertEquals(Set.of(ConversationStatus.ARCHIVED),
                query.withStatuses(List.of(ConversationStatus.ARCHIVED)).statuses());
    }

    @Test
    void pagesHoldOneToAHundredConversations() {
        assertEquals(100, ConversationQuery.all().page(3, 100).size());
        rejected("conversations.size", () -> ConversationQuery.all().page(0, 101));
        rejected("conversations.size", () -> ConversationQuery.all().page(0, 0));
        rejected("conversations.page", () -> ConversationQuery.all().page(-1, 10));
        rejected("conversations.page", () -> ConversationQuery.all().page(ConversationQuery.MAX_PAGE + 1, 10));
    }

    @Test
    void tagsAreComparedAsTheyAreStored() {
        assertEquals(Set.of("vip customer", "refund"),
                ConversationQuery.all().withTags(List.of(" VIP   Customer", "refund", "Refund")).tags());
        rejected("conversation.tag", () -> ConversationQuery.all().withTags(List.of("no/slashes")));
    }

    @Test
    void theLastMessageWindowIsNotEmpty() {
        var now = Instant.parse("2026-11-22T10:00:00Z");
        assertEquals(now, ConversationQuery.all().withLastMessageBetween(now, now.plusSeconds(1)).lastMessageAfter());
        assertEquals(now, ConversationQuery.all().withLastMessageBetween(now, null).lastMessageAfter());
        rejected("conversations.last-message", () -> ConversationQuery.all().withLastMessageBetween(now, now));
        rejected("conversations.last-message",
                () -> ConversationQuery.all().withLastMessageBetween(now, now.minusSeconds(1)));
    }

    @Test
    void atMostAHundredInboxes() {
        var inboxes = LongStream.rangeClosed(1, 101).boxed().toList();
        assertEquals(100, ConversationQuery.all().withInboxes(inboxes.subList(0, 100)).inboxIds().size());
        rejected("conversations.inboxes", () -> ConversationQuery.all().withInboxes(inboxes));
    }

    @Test
    void aCustomerTagFilterIsAtMostTenTagsAndNoTagsExcludesTagsAndPinned() {
        assertEquals(CustomerTagFilter.ANY, ConversationQuery.all().customerTags(), "no filter unless asked");
        assertTrue(CustomerTagFilter.ANY.isAny());
        var ten = LongStream.rangeClosed(1, 10).boxed().collect(Collectors.toSet());
        var filter = CustomerTagFilter.allOf(ten, true);
        assertEquals(filter, ConversationQuery.all().withCustomerTags(filter).page(2, 10).customerTags(),
                "kept by every other change of the query");
        assertFalse(CustomerTagFilter.allOf(Set.of(), true).isAny(), "Pinned alone filters");
        assertFalse(CustomerTagFilter.none().isAny());
        var eleven = LongStream.rangeClosed(1, 11).boxed().collect(Collectors.toSet());
        rejected("conversations.customer-tags", () -> CustomerTagFilter.allOf(eleven, false));
        rejected("conversations.customer-tags", () -> CustomerTagFilter.allOf(Set.of(0L), false));
        rejected("conversations.customer-tags", () -> new CustomerTagFilter(Set.of(3L), true, false));
        rejected("conversations.customer-tags", () -> new CustomerTagFilter(Set.of(), true, true));
    }

    @Test
    void theHttpFormsOfAssigneeAndSort() {
        assertEquals(Assignee.anyone(), Assignee.parse(""));
        assertEquals(Assignee.anyone(), Assignee.parse(null));
        assertEquals(Assignee.me(), Assignee.parse("ME"));
        assertEquals(Assignee.unassigned(), Assignee.parse("none"));
        assertEquals(Assignee.unassigned(), Assignee.parse("unassigned"));
        assertEquals(Assignee.agent(42), Assignee.parse(" 42 "));
        rejected("conversations.assignee", () -> Assignee.parse("someone"));
        assertEquals(Sort.PROCESSING_ORDER, Sort.parse(null));
        assertEquals(Sort.PROCESSING_ORDER, Sort.parse("processing"));
        assertEquals(Sort.LAST_ACTIVITY, Sort.parse("Activity"));
        rejected("conversations.sort", () -> Sort.parse("name"));
        assertThrows(IllegalArgumentException.class, () -> new Assignee(Assignee.Kind.ME, 1L));
    }

    @Test
    void previewsAreCutBetweenCharactersAsPeopleCountThem() {
        assertEquals("short", MessagePreviews.cut("short"));
        var emoji = "\uD83D\uDE00".repeat(200);
        var preview = MessagePreviews.cut(emoji);
        assertEquals(MessagePreviews.LENGTH, preview.codePointCount(0, preview.length()));
        assertEquals("\uD83D\uDE00".repeat(MessagePreviews.LENGTH - 1) + "…", preview);
        var exact = "x".repeat(MessagePreviews.LENGTH);
        assertEquals(exact, MessagePreviews.cut(exact));
    }

    private static void rejected(String code, Executable executable) {
        var rejection = assertThrows(RequestRejectedException.class, executable);
        assertEquals(code, rejection.code());
        assertEquals(RequestRejectedException.Kind.INVALID, rejection.kind());
    }
}
