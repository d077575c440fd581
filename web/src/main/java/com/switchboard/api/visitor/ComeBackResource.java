package com.switchboard.api.visitor;

import com.switchboard.api.JsonFields;
import com.switchboard.input.ClientAddresses;
import com.switchboard.security.RequestAddress;
import com.switchboard.visitor.boundary.VisitorComeBack;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * The chat page trades the ticket of a mail's link back to a chat ({@code visitor.html?inbox=NAME#back=TICKET}) for
 * the visitor's token: {@code POST {ticket}} → {@code {visitorToken}}.
 */
@Path("visitor/come-back")
@Produces(MediaType.APPLICATION_JSON)
public class ComeBackResource {

    @EJB
    VisitorComeBack comeBack;

    @Inject
    ClientAddresses clientAddresses;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject comeBack(JsonObject body, @Context HttpServletRequest request) {
        var token = comeBack.tokenFor(JsonFields.text(body, "ticket"), RequestAddress.of(clientAddresses, request));
        return Json.createObjectBuilder().add("visitorToken", token).build();
    }
}
