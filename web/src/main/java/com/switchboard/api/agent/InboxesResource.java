package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.InboxView;
import com.switchboard.inbox.boundary.Member;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Locale;

/**
 * The inboxes with their members and presence: what the console's transfer, forward and invite dialogs offer
 * (any signed-in agent reads it: colleagues' names and presence are no secret inside the contact center). Admins
 * also provision here (a new inbox, its members), for scripts and tests; the admin console does the same by hand.
 */
@Path("agent/inboxes")
@Produces(MediaType.APPLICATION_JSON)
public class InboxesResource {

    @Inject
    CallerAgent caller;

    @EJB
    InboxService inboxes;

    @GET
    public JsonArray all() {
        caller.id();
        var list = JSON.createArrayBuilder();
        inboxes.all().stream().filter(inbox -> !inbox.deleted()).forEach(inbox -> {
            var members = JSON.createArrayBuilder();
            inboxes.members(inbox.id()).forEach(member -> members.add(json(member)));
            list.add(json(inbox).add("members", members));
        });
        return list.build();
    }

    /**
     * Body {@code {"name", "assignmentMode"?: "AUTO|MANUAL|BROADCAST", "reassignmentSeconds"?, "offlineMessage"?,
     * "replyTimeLimitSeconds"?}} (admins) → 201 the inbox; everything else as a new inbox gets it.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        caller.adminId();
        var mode = JsonFields.text(body, "assignmentMode");
        var seconds = JsonFields.optionalNumber(body, "reassignmentSeconds");
        var replyLimit = JsonFields.optionalNumber(body, "replyTimeLimitSeconds");
        AssignmentMode assignment;
        try {
            assignment = mode == null ? null : AssignmentMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RequestRejectedException.invalid("inbox.assignment-mode", "The mode is AUTO, MANUAL or BROADCAST.");
        }
        var inbox = inboxes.create(new InboxSettings(JsonFields.text(body, "name"), assignment,
                seconds == null ? null : Duration.ofSeconds(seconds), null, JsonFields.text(body, "offlineMessage"),
                replyLimit == null ? null : Duration.ofSeconds(replyLimit), null));
        return Response.status(Response.Status.CREATED).entity(json(inbox).build()).build();
    }

    /** Body {@code {"agentId", "capacity"}} (admins) → 201 the member. */
    @POST
    @Path("{inboxId}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addMember(@PathParam("inboxId") long inboxId, JsonObject body) {
        caller.adminId();
        // Capped to int range, so a huge capacity is refused by the membership's own rule (1..100).
        var capacity = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, JsonFields.number(body, "capacity")));
        var member = inboxes.addMember(inboxId, JsonFields.number(body, "agentId"), capacity);
        return Response.status(Response.Status.CREATED).entity(json(member)).build();
    }

    /**
     * Body {@code {"operatorName": "…" | null, "version"}} (admins) → the inbox: every agent's messages reach its
     * visitors under this name; null or blank: each agent's own. {@code version} is the inbox's as last read.
     */
    @PUT
    @Path("{inboxId}/operator-name")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject nameOperator(@PathParam("inboxId") long inboxId, JsonObject body) {
        caller.adminId();
        return json(inboxes.nameOperator(inboxId, JsonFields.number(body, "version"),
                JsonFields.text(body, "operatorName"))).build();
    }

    private static JsonObjectBuilder json(InboxView inbox) {
        var json = JSON.createObjectBuilder().add("id", inbox.id()).add("name", inbox.settings().name())
                .add("assignmentMode", inbox.settings().assignmentMode().name()).add("version", inbox.version());
        if (inbox.operatorName() != null) {
            json.add("operatorName", inbox.operatorName());
        }
        return json;
    }

    private static JsonObject json(Member member) {
        return JSON.createObjectBuilder().add("agentId", member.agentId()).add("name", member.displayName())
                .add("capacity", member.capacity()).add("presence", member.presence().name()).build();
    }
}
