package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.security.CallerAgent;
import com.switchboard.visitor.boundary.VisitorBlocks;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** Visitor blocks: those in force, the whole record, blocking a network, lifting. */
@Path("agent/blocks")
@Produces(MediaType.APPLICATION_JSON)
public class BlocksResource {

    @Inject
    CallerAgent caller;

    @EJB
    VisitorBlocks blocks;

    /** The blocks in force, or with {@code history=true} every block ever (paged by first/max), newest first. */
    @GET
    public JsonArray list(@QueryParam("history") boolean history, @QueryParam("first") int first,
                          @QueryParam("max") @DefaultValue("100") int max) {
        caller.id();
        var list = JSON.createArrayBuilder();
        (history ? blocks.history(first, max) : blocks.inForce()).forEach(b -> list.add(VisitorJson.of(b)));
        return list.build();
    }

    /** Body {@code {"network": "203.0.113.0/24", "reason": "...", "minutes": n}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response blockNetwork(JsonObject body) {
        var block = blocks.blockNetwork(caller.id(), JsonFields.text(body, "network"), JsonFields.text(body, "reason"),
                period(body));
        return Response.status(Response.Status.CREATED).entity(VisitorJson.of(block)).build();
    }

    /** Lifts the block; it stays on record with who lifted it. */
    @DELETE
    @Path("{blockId}")
    public JsonObject lift(@PathParam("blockId") long blockId) {
        return VisitorJson.of(blocks.lift(caller.id(), blockId));
    }

    static Duration period(JsonObject body) {
        var minutes = JsonFields.optionalNumber(body, "minutes");
        // Beyond the longest period, the boundary refuses it; capped first so the arithmetic cannot overflow.
        return minutes == null ? null
                : Duration.ofMinutes(Math.min(minutes, VisitorBlocks.LONGEST_PERIOD.toMinutes() + 1));
    }
}
