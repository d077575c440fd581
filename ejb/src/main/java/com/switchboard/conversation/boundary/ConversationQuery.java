package com.switchboard.conversation.boundary;

import com.switchboard.conversation.entity.Channel;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.Tags;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which conversations a list shows and in what order; valid by construction. Every filter narrows the list (tags,
 * the conversation's own free-text ones: all of them must be there; customer tags: {@link CustomerTagFilter}; text:
 * in a message, or in the visitor's name or e-mail, ignoring case); none of them widens it beyond what the caller
 * may read. {@code page} counts from 0.
 */
public record ConversationQuery(Assignee assignee, Set<Long> inboxIds, Channel channel, Set<String> tags,
                                Set<ConversationStatus> statuses, Instant lastMessageAfter,
                                Instant lastMessageBefore, Sort sort, int page, int size, String text,
                                CustomerTagFilter customerTags) {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 100;
    public static final int MAX_PAGE = 10_000;
    public static final int MAX_INBOXES = 100;
    public static final int MAX_TEXT = 200;
    /** What a list shows unless asked otherwise: everything but the archive. */
    public static final Set<ConversationStatus> ACTIVE = Set.copyOf(EnumSet.of(ConversationStatus.WAITING,
            ConversationStatus.OFFERED, ConversationStatus.ASSIGNED, ConversationStatus.CLOSED));

    public enum Sort {
        /**
         * Unanswered first, the nearest reply deadline first; then those without a limit, longest waiting first;
         * then the rest, latest activity first.
         */
        PROCESSING_ORDER,
        /** Latest activity first. */
        LAST_ACTIVITY;

        /** From the HTTP form {@code processing} / {@code activity}. */
        public static Sort parse(String value) {
            if (value == null || value.isBlank()) {
                return PROCESSING_ORDER;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "processing" -> PROCESSING_ORDER;
                case "activity" -> LAST_ACTIVITY;
                default -> throw RequestRejectedException.invalid("conversations.sort",
                        "Sort by 'processing' or 'activity'.");
            };
        }
    }

    /** Whose conversations: anyone's, the caller's own, nobody's yet, or one agent's. */
    public record Assignee(Kind kind, Long agentId) {

        public enum Kind { ANYONE, ME, UNASSIGNED, AGENT }

        public Assignee {
            if ((kind == Kind.AGENT) != (agentId != null)) {
                throw new IllegalArgumentException("An agent id goes with AGENT and only with it");
            }
        }

        public static Assignee anyone() {
            return new Assignee(Kind.ANYONE, null);
        }

        public static Assignee me() {
            return new Assignee(Kind.ME, null);
        }

        public static Assignee unassigned() {
            return new Assignee(Kind.UNASSIGNED, null);
        }

        public static Assignee agent(long agentId) {
            return new Assignee(Kind.AGENT, agentId);
        }

        /** From the HTTP form: empty (anyone), {@code me}, {@code none}, or an agent id. */
        public static Assignee parse(String value) {
            if (value == null || value.isBlank()) {
                return anyone();
            }
            var clean = value.strip().toLowerCase(Locale.ROOT);
            return switch (clean) {
                case "me" -> me();
                case "none", "unassigned" -> unassigned();
                default -> {
                    try {
                        yield agent(Long.parseLong(clean));
                    } catch (NumberFormatException e) {
                        throw RequestRejectedException.invalid("conversations.assignee",
                                "The assignee is 'me', 'none' or an agent id.");
                    }
                }
            };
        }
    }

    public ConversationQuery {
        assignee = assignee == null ? Assignee.anyone() : assignee;
        inboxIds = inboxIds == null ? Set.of() : Set.copyOf(inboxIds);
        if (inboxIds.size() > MAX_INBOXES) {
            throw RequestRejectedException.invalid("conversations.inboxes",
                    "Filter by at most " + MAX_INBOXES + " inboxes.");
        }
        tags = Set.copyOf(Tags.normalise("conversation", tags));
        statuses = statuses == null || statuses.isEmpty() ? ACTIVE : Set.copyOf(statuses);
        if (lastMessageAfter != null && lastMessageBefore != null && !lastMessageAfter.isBefore(lastMessageBefore)) {
            throw RequestRejectedException.invalid("conversations.last-message",
                    "'Last message after' must be earlier than 'last message before'.");
        }
        sort = sort == null ? Sort.PROCESSING_ORDER : sort;
        if (page < 0 || page > MAX_PAGE) {
            throw RequestRejectedException.invalid("conversations.page",
                    "Pages are numbered from 0 to " + MAX_PAGE + ".");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw RequestRejectedException.invalid("conversations.size",
                    "A page has 1 to " + MAX_SIZE + " conversations.");
        }
        text = text == null || text.isBlank() ? null : text.strip();
        if (text != null && text.length() > MAX_TEXT) {
            throw RequestRejectedException.invalid("conversations.text",
                    "Search for at most " + MAX_TEXT + " characters.");
        }
        customerTags = customerTags == null ? CustomerTagFilter.ANY : customerTags;
    }

    /** Without a filter by customer tags. */
    public ConversationQuery(Assignee assignee, Set<Long> inboxIds, Channel channel, Set<String> tags,
                             Set<ConversationStatus> statuses, Instant lastMessageAfter, Instant lastMessageBefore,
                             Sort sort, int page, int size, String text) {
        this(assignee, inboxIds, channel, tags, statuses, lastMessageAfter, lastMessageBefore, sort, page, size, text,
                null);
    }

    /** Without a text to search for. */
    public ConversationQuery(Assignee assignee, Set<Long> inboxIds, Channel channel, Set<String> tags,
                             Set<ConversationStatus> statuses, Instant lastMessageAfter, Instant lastMessageBefore,
                             Sort sort, int page, int size) {
        this(assignee, inboxIds, channel, tags, statuses, lastMessageAfter, lastMessageBefore, sort, page, size, null);
    }

    /** The active conversations the caller may read, in processing order, first page. */
    public static ConversationQuery all() {
        return new ConversationQuery(null, null, null, null, null, null, null, null, 0, DEFAULT_SIZE);
    }

    public ConversationQuery withAssignee(Assignee newAssignee) {
        return new ConversationQuery(newAssignee, inboxIds, channel, tags, statuses, lastMessageAfter,
                lastMessageBefore, sort, page, size, text, customerTags);
    }

    public ConversationQuery withInboxes(Collection<Long> newInboxIds) {
        return new ConversationQuery(assignee, Set.copyOf(newInboxIds), channel, tags, statuses, lastMessageAfter,
                lastMessageBefore, sort, page, size, text, customerTags);
    }

    public ConversationQuery withChannel(Channel newChannel) {
        return new ConversationQuery(assignee, inboxIds, newChannel, tags, statuses, lastMessageAfter,
                lastMessageBefore, sort, page, size, text, customerTags);
    }

    public ConversationQuery withTags(Collection<String> newTags) {
        return new ConversationQuery(assignee, inboxIds, channel, Set.copyOf(newTags), statuses, lastMessageAfter,
                lastMessageBefore, sort, page, size, text, customerTags);
    }

    public ConversationQuery withStatuses(Collection<ConversationStatus> newStatuses) {
        return new ConversationQuery(assignee, inboxIds, channel, tags, Set.copyOf(newStatuses), lastMessageAfter,
                lastMessageBefore, sort, page, size, text, customerTags);
    }

    public ConversationQuery withLastMessageBetween(Instant after, Instant before) {
        return new ConversationQuery(assignee, inboxIds, channel, tags, statuses, after, before, sort, page, size,
                text, customerTags);
    }

    public ConversationQuery sortedBy(Sort newSort) {
        return new ConversationQuery(assignee, inboxIds, channel, tags, statuses, lastMessageAfter,
                lastMessageBefore, newSort, page, size, text, customerTags);
    }

    /** Only conversations with a message containing {@code newText}, or whose visitor's name or e-mail does. */
    public ConversationQuery withText(String newText) {
        return new ConversationQuery(assignee, inboxIds, channel, tags, statuses, lastMessageAfter,
                lastMessageBefore, sort, page, size, newText, customerTags);
    }

    /** Only conversations whose customer's tags pass the filter. */
    public ConversationQuery withCustomerTags(CustomerTagFilter filter) {
        return new ConversationQuery(assignee, inboxIds, channel, tags, statuses, lastMessageAfter,
                lastMessageBefore, sort, page, size, text, filter);
    }

    public ConversationQuery page(int newPage, int newSize) {
        return new ConversationQuery(assignee, inboxIds, channel, tags, statuses, lastMessageAfter,
                lastMessageBefore, sort, newPage, newSize, text, customerTags);
    }
}
