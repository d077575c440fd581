package com.switchboard.api.visitor;

import com.switchboard.api.JsonFields;
import com.switchboard.visitor.boundary.VisitorComeBack;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject comeBack(JsonObject body) {
        return Json.createObjectBuilder().add("visitorToken", comeBack.tokenFor(JsonFields.text(body, "ticket")))
                .build();
    }
}
