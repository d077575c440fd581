package com.switchboard.api.visitor;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.AttachmentType;
import com.switchboard.mail.boundary.MailOutbox;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The widget's bootstrap: whether anyone answers right now (otherwise it shows the inbox's offline message and a
 * contact form), whether messages left meanwhile are answered by e-mail (only where the installation sends
 * e-mail: an SMTP server is configured), how it asks for a rating after a chat, and which kinds of file it may
 * attach (PDF, PNG, …). Unknown inboxes and switched-off widgets are 404 / 403.
 */
@Path("visitor/inboxes/{name}")
public class WidgetResource {

    @EJB
    InboxService inboxes;

    @EJB
    MailOutbox mail;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject bootstrap(@PathParam("name") String name) {
        var inbox = inboxes.acceptingVisitors(name);
        var settings = inbox.settings();
        var types = JSON.createArrayBuilder();
        settings.attachmentTypes().stream().map(AttachmentType::name).sorted().forEach(types::add);
        return JSON.createObjectBuilder().add("name", settings.name())
                .add("online", inboxes.isOnline(inbox.getId()))
                .add("offlineMessage", settings.offlineMessage() == null ? JsonValue.NULL
                        : JSON.createValue(settings.offlineMessage()))
                .add("emailAnswers", mail.sends())
                .add("ratingScale", inbox.getRatingScale().name())
                .add("attachmentTypes", types).build();
    }
}
