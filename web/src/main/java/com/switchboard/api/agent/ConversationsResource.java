package com.switchboard.api.agent;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.conversation.boundary.ConversationDirectory;
import com.switchboard.conversation.boundary.ConversationPage;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.conversation.boundary.ConversationSummary;
import com.switchboard.conversation.boundary.CustomerTagFilter;
import com.switchboard.conversation.boundary.Participant;
import com.switchboard.conversation.entity.Channel;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.customer.boundary.CardTag;
import com.switchboard.customer.boundary.CustomerTags;
import com.switchboard.platform.boundary.RequestRejectedException;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console's conversation list (only what the caller may read) and the participants of a conversation.
 * Query parameters arrive as text and are checked here, so a wrong one is a 400 naming it, not a bare 404.
 */
@Path("agent/conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationsResource {

    @Inject
    CallerAgent caller;

    @EJB
    CustomerTags customerTags;

    @EJB
    ConversationDirectory directory;

    @EJB
    ConversationParticipants participants;

    /**
     * {@code ?assignee=me|none|ID&inbox=ID&inbox=…&channel=WIDGET|JMS&tag=…&tag=…&status=…&sort=processing|activity
     * &lastMessageAfter=ISO&lastMessageBefore=ISO&text=…&customerTag=ID&customerTag=…&customerTags=none
     * &customerTagsPinned=true&page=0&size=25}; every parameter is optional. {@code tag}: the conversation's own
     * free-text tags; {@code customerTag…}: the customer's tags of the card ({@link CustomerTagFilter}).
     */
    @GET
    public JsonObject list(@QueryParam("assignee") String assignee, @QueryParam("inbox") List<String> inboxes,
                           @QueryParam("channel") String channel, @QueryParam("tag") List<String> tags,
                           @QueryParam("status") List<String> statuses, @QueryParam("sort") String sort,
                           @QueryParam("lastMessageAfter") String after, @QueryParam("lastMessageBefore") String before,
                           @QueryParam("text") String text, @QueryParam("customerTag") List<String> customerTagIds,
                           @QueryParam("customerTags") String customerTagsMode,
                           @QueryParam("customerTagsPinned") String customerTagsPinned,
                           @QueryParam("page") String page, @QueryParam("size") String size) {
        var byCustomerTags = customerTagFilter(customerTagIds, customerTagsMode, customerTagsPinned);
        customerTags.requireKnown(byCustomerTags.tagIds());
        var query = query(assignee, inboxes, channel, tags, statuses, sort, after, before, text)
                .withCustomerTags(byCustomerTags)
                .page(blank(page) ? 0 : count("page", page),
                        blank(size) ? ConversationQuery.DEFAULT_SIZE : count("size", size));
        var found = directory.list(caller.id(), query);
        return json(found, customerTags.pinnedOf(found.items().stream().map(ConversationSummary::id).toList()));
    }

    /** The list's filters as a query (first page): the list's and the exports' parameters alike. */
    static ConversationQuery query(String assignee, List<String> inboxes, String channel, List<String> tags,
                                   List<String> statuses, String sort, String after, String before, String text) {
        var inboxIds = inboxes.stream().map(id -> number("inbox", id)).collect(Collectors.toSet());
        var statusSet = statuses.stream().map(status -> constant(ConversationStatus.class, "status", status))
                .collect(Collectors.toSet());
        return new ConversationQuery(ConversationQuery.Assignee.parse(assignee), inboxIds,
                blank(channel) ? null : constant(Channel.class, "channel", channel), Set.copyOf(tags), statusSet,
                instant("lastMessageAfter", after), instant("lastMessageBefore", before),
                ConversationQuery.Sort.parse(sort), 0, ConversationQuery.DEFAULT_SIZE, text);
    }

    @GET
    @Path("{id}/participants")
    public JsonArray participants(@PathParam("id") long conversationId) {
        var list = JSON.createArrayBuilder();
        participants.of(conversationId, caller.id()).forEach(p -> list.add(json(p)));
        return list.build();
    }

    /** Body {@code {"agentId": n}}: invites that agent. */
    @POST
    @Path("{id}/participants")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invite(@PathParam("id") long conversationId, JsonObject body) {
        var participant = participants.invite(conversationId, caller.id(), JsonFields.number(body, "agentId"));
        return Response.status(Response.Status.CREATED).entity(json(participant)).build();
    }

    /** Removes the participant; a participant removing themselves leaves. */
    @DELETE
    @Path("{id}/participants/{agentId}")
    public Response remove(@PathParam("id") long conversationId, @PathParam("agentId") long agentId) {
        participants.remove(conversationId, caller.id(), agentId);
        return Response.noContent().build();
    }

    /** Body {@code {"agentId": n}}: the holder leaves the conversation to that participant, who holds it now. */
    @POST
    @Path("{id}/leave")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response leave(@PathParam("id") long conversationId, JsonObject body) {
        participants.leaveTo(conversationId, caller.id(), JsonFields.number(body, "agentId"));
        return Response.noContent().build();
    }

    static JsonObject json(ConversationPage page) {
        return json(page, Map.of());
    }

    /** The page with each line's customer's pinned tags ({@code pinnedTags: [{id, name, colour, pinned}]}). */
    static JsonObject json(ConversationPage page, Map<Long, List<CardTag>> pinnedTags) {
        var items = JSON.createArrayBuilder();
        page.items().forEach(item -> items.add(JSON.createObjectBuilder(json(item))
                .add("pinnedTags", CustomerCardResource.json(pinnedTags.getOrDefault(item.id(), List.of())))));
        return JSON.createObjectBuilder().add("items", items).add("total", page.total()).add("page", page.page())
                .add("size", page.size()).build();
    }

    static JsonObject json(ConversationSummary line) {
        var tags = JSON.createArrayBuilder();
        line.tags().forEach(tags::add);
        var json = JSON.createObjectBuilder()
                .add("id", line.id())
                .add("inboxId", line.inboxId())
                .add("inboxName", line.inboxName())
                .add("channel", line.channel().name())
                .add("status", line.status().name())
                .add("visitorId", line.visitorId())
                .add("visitorLabel", line.visitorLabel())
                .add("visitorVerified", line.visitorVerified())
                .add("visitorOnline", line.visitorOnline())
                .add("tags", tags)
                .add("overdue", line.overdue())
                .add("unread", line.unread())
                .add("version", line.version());
        VisitorJson.put(json, "assigneeId", line.assigneeId());
        VisitorJson.put(json, "assigneeName", line.assigneeName());
        VisitorJson.put(json, "lastMessage", line.lastMessage());
        VisitorJson.put(json, "lastMessageAt", line.lastMessageAt());
        VisitorJson.put(json, "createdAt", line.createdAt());
        VisitorJson.put(json, "lastActivityAt", line.lastActivityAt());
        VisitorJson.put(json, "firstResponseAt", line.firstResponseAt());
        VisitorJson.put(json, "unansweredSince", line.unansweredSince());
        VisitorJson.put(json, "replyDeadline", line.replyDeadline());
        if (line.closed() != null) {
            json.add("closed", json(line.closed()));
        }
        if (line.archived() != null) {
            json.add("archived", json(line.archived()));
        }
        return json.build();
    }

    /** {@code {"at", "by": {"kind", "agentId", "name"}}} ({@code by} null: not recorded); agents by their names. */
    static JsonObject json(ConversationSummary.Ended ended) {
        var json = JSON.createObjectBuilder().add("at", ended.at().toString());
        if (ended.by() == null) {
            return json.addNull("by").build();
        }
        var by = JSON.createObjectBuilder().add("kind", ended.by().kind().name());
        if (ended.by().agentId() != null) {
            by.add("agentId", ended.by().agentId()).add("name", ended.by().name());
        }
        return json.add("by", by).build();
    }

    static JsonObject json(Participant participant) {
        return JSON.createObjectBuilder().add("agentId", participant.agentId())
                .add("name", participant.displayName()).add("invitedBy", participant.invitedBy())
                .add("invitedAt", participant.invitedAt().toString()).build();
    }

    private static CustomerTagFilter customerTagFilter(List<String> ids, String mode, String pinned) {
        boolean untagged = false;
        if (!blank(mode)) {
            if (!mode.strip().equalsIgnoreCase("none")) {
                throw invalid("customerTags", "'none' (customers without tags)");
            }
            untagged = true;
        }
        return new CustomerTagFilter(ids.stream().map(id -> number("customerTag", id)).collect(Collectors.toSet()),
                untagged, flag("customerTagsPinned", pinned));
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

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Capped to int range, so a huge page or size is refused by the query's own rule, not cut to a wrong one. */
    private static int count(String parameter, String value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number(parameter, value)));
    }

    private static long number(String parameter, String value) {
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

    private static RequestRejectedException invalid(String parameter, String what) {
        return RequestRejectedException.invalid("request.parameter", "'" + parameter + "' must be " + what + ".");
    }
}
