package com.switchboard.api.visitor;

import com.switchboard.api.JsonFields;
import com.switchboard.api.RatingJson;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.rating.boundary.RatingService;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The visitor rates their chat once it has ended (the widget asks): {@code GET} says the inbox's scale and whether
 * it is rated, {@code POST {score, comment?}} rates it (201), once. The visitor's token in {@code X-Visitor-Token}.
 */
@Path("visitor/conversations/{id}/rating")
@Produces(MediaType.APPLICATION_JSON)
public class VisitorRatingResource {

    static final String TOKEN = "X-Visitor-Token";

    @EJB
    RatingService ratings;

    @GET
    public JsonObject get(@PathParam("id") long conversationId, @HeaderParam(TOKEN) String token) {
        return RatingJson.of(ratings.forVisitor(token, conversationId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rate(@PathParam("id") long conversationId, @HeaderParam(TOKEN) String token, JsonObject body) {
        var score = JsonFields.number(body, "score");
        if (score < Integer.MIN_VALUE || score > Integer.MAX_VALUE) {
            throw RequestRejectedException.invalid("rating.score", "A rating is a whole number on the inbox's scale.");
        }
        var rated = ratings.rate(token, conversationId, (int) score, JsonFields.text(body, "comment"));
        return Response.status(Response.Status.CREATED).entity(RatingJson.of(rated)).build();
    }
}
