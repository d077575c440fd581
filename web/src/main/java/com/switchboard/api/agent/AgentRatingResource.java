package com.switchboard.api.agent;

import com.switchboard.api.RatingJson;
import com.switchboard.rating.boundary.RatingService;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The visitor's rating of a conversation, for agents who may read it (the console shows it in the header). */
@Path("agent/conversations/{id}/rating")
@Produces(MediaType.APPLICATION_JSON)
public class AgentRatingResource {

    @Inject
    CallerAgent caller;

    @EJB
    RatingService ratings;

    @GET
    public JsonObject get(@PathParam("id") long conversationId) {
        return RatingJson.of(ratings.forAgent(caller.id(), conversationId));
    }
}
