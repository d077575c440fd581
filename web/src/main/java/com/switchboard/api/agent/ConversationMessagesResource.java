package com.switchboard.api.agent;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.api.attachment.AttachmentJson;
import com.switchboard.conversation.boundary.DialogService;
import com.switchboard.conversation.boundary.PostedMessage;
import com.switchboard.conversation.boundary.TranscriptEntry;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A conversation's timeline as the console reads and writes it over HTTP: every entry (notes and internal ones
 * included) and the agent's replies, notes and option menus. Its own root path, matched before the list's.
 */
@Path("agent/conversations/{conversationId}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationMessagesResource {

    @Inject
    CallerAgent caller;

    @EJB
    DialogService dialogs;

    @GET
    public JsonArray timeline(@PathParam("conversationId") long conversationId) {
        var list = JSON.createArrayBuilder();
        dialogs.transcriptForAgent(caller.id(), conversationId).forEach(entry -> list.add(json(entry)));
        return list.build();
    }

    /**
     * Body {@code {"text": "…", "quoteSeq": n?, "note": false, "options": ["…"]?}}: a public reply (quoting
     * {@code quoteSeq}), a private note, or a reply offering the visitor options to pick from.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("conversationId") long conversationId, JsonObject body) {
        var text = JsonFields.text(body, "text");
        var options = JsonFields.texts(body, "options");
        PostedMessage posted;
        if (body != null && body.getBoolean("note", false)) {
            posted = dialogs.postNote(conversationId, caller.id(), text);
        } else if (!options.isEmpty()) {
            posted = dialogs.offerOptions(conversationId, caller.id(), text, options);
        } else {
            posted = dialogs.postAgentMessage(conversationId, caller.id(), text,
                    JsonFields.optionalNumber(body, "quoteSeq"));
        }
        return Response.status(Response.Status.CREATED).entity(JSON.createObjectBuilder()
                .add("conversationId", posted.conversationId()).add("seq", posted.seq())
                .add("at", posted.at().toString()).build()).build();
    }

    static JsonObject json(TranscriptEntry entry) {
        var options = JSON.createArrayBuilder();
        entry.options().forEach(options::add);
        var json = JSON.createObjectBuilder().add("seq", entry.seq()).add("author", entry.author())
                .add("text", entry.text() == null ? "" : entry.text()).add("at", entry.at().toString())
                .add("options", options).add("attachments", AttachmentJson.files(entry.attachments()));
        VisitorJson.put(json, "agentId", entry.agentId());
        VisitorJson.put(json, "quoteSeq", entry.quoteSeq());
        json.add("pickedOption", entry.pickedOption() == null ? JsonValue.NULL
                : JSON.createValue(entry.pickedOption()));
        return json.build();
    }
}
