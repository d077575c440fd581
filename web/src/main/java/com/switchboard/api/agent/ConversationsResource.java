package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.conversation.boundary.ConversationDirectory;
import com.switchboard.conversation.boundary.ConversationPage;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.conversation.boundary.ConversationSummary;
import com.switchboard.conversation.boundary.Participant;
import com.switchboard.customer.boundary.CardTag;
import com.switchboard.customer.boundary.CustomerTags;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BeanParam;
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
import java.util.List;
import java.util.Map;

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
     * The list's filters ({@link ConversationFilters}, the exports' too) with {@code &page=0&size=25}, both
     * optional.
     */
    @GET
    public JsonObject list(@BeanParam ConversationFilters filters, @QueryParam("page") String page,
                           @QueryParam("size") String size) {
        var query = filters.query(customerTags)
                .page(blank(page) ? 0 : count("page", page),
                        blank(size) ? ConversationQuery.DEFAULT_SIZE : count("size", size));
        var found = directory.list(caller.id(), query);
        return json(found, customerTags.pinnedOf(found.items().stream().map(ConversationSummary::id).toList()));
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

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Capped to int range, so a huge page or size is refused by the query's own rule, not cut to a wrong one. */
    private static int count(String parameter, String value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number(parameter, value)));
    }

    private static long number(String parameter, String value) {
        return ConversationFilters.number(parameter, value);
    }
}
