package com.switchboard.api.agent;

import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.conversation.boundary.CustomerTagFilter;
import com.switchboard.conversation.entity.Channel;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.customer.boundary.CustomerTags;
import com.switchboard.input.RequestRejectedException;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The conversation list's filters as query parameters, one definition for the list
 * ({@code GET /api/agent/conversations}) and its exports ({@code export.csv}, {@code export.zip}), so an export
 * holds exactly what the list with the same parameters shows: {@code ?assignee=me|none|ID&inbox=ID&…&channel=
 * WIDGET|JMS&tag=…&status=…&sort=processing|activity&lastMessageAfter=ISO&lastMessageBefore=ISO&text=…
 * &customerTag=ID&…&customerTags=none&customerTagsPinned=true}, every one optional. {@code tag}: the conversation's
 * own free-text tags; {@code customerTag…}: the customer's tags of the card ({@link CustomerTagFilter}). A JAX-RS
 * bean parameter; the values arrive as text and are checked here, so a wrong one is a 400 naming it.
 */
public class ConversationFilters {

    @QueryParam("assignee")
    String assignee;

    @QueryParam("inbox")
    List<String> inboxes;

    @QueryParam("channel")
    String channel;

    @QueryParam("tag")
    List<String> tags;

    @QueryParam("status")
    List<String> statuses;

    @QueryParam("sort")
    String sort;

    @QueryParam("lastMessageAfter")
    String after;

    @QueryParam("lastMessageBefore")
    String before;

    @QueryParam("text")
    String text;

    @QueryParam("customerTag")
    List<String> customerTagIds;

    @QueryParam("customerTags")
    String customerTagsMode;

    @QueryParam("customerTagsPinned")
    String customerTagsPinned;

    /**
     * The filters as a query (its first page); customer tags that do not exist (any more) are refused with
     * {@code conversations.customer-tag-unknown}, as a stale console would otherwise get an empty list.
     */
    public ConversationQuery query(CustomerTags catalogue) {
        var inboxIds = list(inboxes).stream().map(id -> number("inbox", id)).collect(Collectors.toSet());
        var statusSet = list(statuses).stream().map(status -> constant(ConversationStatus.class, "status", status))
                .collect(Collectors.toSet());
        var byCustomerTags = customerTagFilter();
        catalogue.requireKnown(byCustomerTags.tagIds());
        return new ConversationQuery(ConversationQuery.Assignee.parse(assignee), inboxIds,
                blank(channel) ? null : constant(Channel.class, "channel", channel), Set.copyOf(list(tags)), statusSet,
                instant("lastMessageAfter", after), instant("lastMessageBefore", before),
                ConversationQuery.Sort.parse(sort), 0, ConversationQuery.DEFAULT_SIZE, text, byCustomerTags);
    }

    private CustomerTagFilter customerTagFilter() {
        boolean untagged = false;
        if (!blank(customerTagsMode)) {
            if (!customerTagsMode.strip().equalsIgnoreCase("none")) {
                throw invalid("customerTags", "'none' (customers without tags)");
            }
            untagged = true;
        }
        return new CustomerTagFilter(list(customerTagIds).stream().map(id -> number("customerTag", id))
                .collect(Collectors.toSet()), untagged, flag("customerTagsPinned", customerTagsPinned));
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static boolean flag(String parameter, String value) {
        if (blank(value)) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(parameter, "true or false");
        };
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static long number(String parameter, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(parameter, "a whole number");
        }
    }

    private static Instant instant(String parameter, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(parameter, "a time such as 2026-11-22T10:15:30Z");
        }
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String parameter, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            var names = new ArrayList<String>();
            for (var constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
            throw invalid(parameter, "one of " + names);
        }
    }

    static RequestRejectedException invalid(String parameter, String what) {
        return RequestRejectedException.invalid("request.parameter", "'" + parameter + "' must be " + what + ".");
    }
}
