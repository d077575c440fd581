package com.switchboard.api.agent;

import com.switchboard.routing.boundary.RoutingService;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** The signed-in agent answers an offer: 204, or 409 when it was decided or expired meanwhile. */
@Path("agent/offers/{offerId}")
public class OffersResource {

    @Inject
    CallerAgent caller;

    @EJB
    RoutingService routing;

    @POST
    @Path("accept")
    public Response accept(@PathParam("offerId") long offerId) {
        routing.accept(caller.id(), offerId);
        return Response.noContent().build();
    }

    @POST
    @Path("reject")
    public Response reject(@PathParam("offerId") long offerId) {
        routing.reject(caller.id(), offerId);
        return Response.noContent().build();
    }
}
