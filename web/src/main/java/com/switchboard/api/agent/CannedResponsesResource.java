package com.switchboard.api.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.canned.boundary.CannedResponseService;
import com.switchboard.canned.boundary.CannedView;
import com.switchboard.canned.entity.CannedText;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The canned responses the caller may use (their own and the organisation's), and their quick replies. */
@Path("agent/canned-responses")
@Produces(MediaType.APPLICATION_JSON)
public class CannedResponsesResource {

    @Inject
    CallerAgent caller;

    @EJB
    CannedResponseService canned;

    @GET
    public JsonArray available() {
        var list = JSON.createArrayBuilder();
        canned.available(caller.id()).forEach(view -> list.add(json(view)));
        return list.build();
    }

    /**
     * Body {@code {"title", "shortcut"?, "text"}}: a personal canned response; or {@code {"conversationId", "seq",
     * "title", "shortcut"?}}: a quick reply made of that public message.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        var conversationId = JsonFields.optionalNumber(body, "conversationId");
        var title = JsonFields.text(body, "title");
        var shortcut = JsonFields.text(body, "shortcut");
        var view = conversationId == null
                ? canned.createPersonal(caller.id(), new CannedText(title, shortcut, JsonFields.text(body, "text")))
                : canned.createFromMessage(caller.id(), conversationId, JsonFields.number(body, "seq"), title,
                        shortcut);
        return Response.status(Response.Status.CREATED).entity(json(view)).build();
    }

    static JsonObject json(CannedView view) {
        return JSON.createObjectBuilder().add("id", view.id()).add("organisationWide", view.organisationWide())
                .add("title", view.title())
                .add("shortcut", view.shortcut() == null ? JsonValue.NULL : JSON.createValue(view.shortcut()))
                .add("text", view.text()).add("version", view.version()).build();
    }
}
