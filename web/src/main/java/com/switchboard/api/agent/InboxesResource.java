package com.switchboard.api.agent;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.security.CallerAgent;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The inboxes with their members and presence: what the console's transfer, forward and invite dialogs offer.
 * Any signed-in agent may read it (colleagues' names and presence are no secret inside the contact center).
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
            inboxes.members(inbox.id()).forEach(member -> members.add(JSON.createObjectBuilder()
                    .add("agentId", member.agentId()).add("name", member.displayName())
                    .add("presence", member.presence().name())));
            list.add(JSON.createObjectBuilder().add("id", inbox.id()).add("name", inbox.settings().name())
                    .add("members", members));
        });
        return list.build();
    }
}
