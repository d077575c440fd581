package com.switchboard.realtime.visitor;

import com.switchboard.conversation.boundary.DialogService;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.platform.boundary.RequestRejectedException;
import com.switchboard.realtime.Frames;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The widget's socket: {@code /ws/visitor?inbox=NAME[&token=VISITOR_TOKEN]}. A visitor without a (known) token
 * gets a new one in the welcome frame and keeps it for later visits.
 */
@ServerEndpoint("/ws/visitor")
public class VisitorEndpoint {

    private static final Logger LOG = Logger.getLogger(VisitorEndpoint.class.getName());
    private static final String INBOX = "inbox";
    private static final String TOKEN = "token";

    @EJB
    VisitorService visitors;

    @EJB
    DialogService dialogs;

    @EJB
    InboxService inboxes;

    @OnOpen
    public void open(Session session) throws IOException {
        try {
            welcome(session);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Visitor socket could not be opened", e);
            send(session, Frames.error("internal", "The chat is unavailable right now; please retry."));
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal"));
        }
    }

    private void welcome(Session session) throws IOException {
        var inbox = parameter(session, INBOX);
        if (inbox == null) {
            refuse(session, "inbox.missing", "Name the inbox: /ws/visitor?inbox=NAME");
            return;
        }
        try {
            inboxes.acceptingVisitors(inbox);
        } catch (RequestRejectedException e) {
            refuse(session, e.code(), e.getMessage());
            return;
        }
        var token = parameter(session, TOKEN);
        if (visitors.findByToken(token).isEmpty()) {
            token = visitors.registerAnonymous();
        }
        session.getUserProperties().put(INBOX, inbox);
        session.getUserProperties().put(TOKEN, token);
        send(session, Json.createObjectBuilder().add("type", "welcome").add("visitorToken", token).build());
    }

    @OnMessage(maxMessageSize = Frames.MAX_FRAME_BYTES)
    public void message(Session session, String text) throws IOException {
        try {
            var frame = Frames.parse(text);
            switch (frame.getString("type")) {
                case "message.send" -> send(session, post(session, frame));
                case "ping" -> send(session, Frames.pong());
                default -> throw Frames.unknownType(frame);
            }
        } catch (RequestRejectedException e) {
            send(session, Frames.error(e));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Visitor frame failed", e);
            send(session, Frames.error("internal", "The message could not be processed; please retry."));
        }
    }

    private JsonObject post(Session session, JsonObject frame) {
        var posted = dialogs.postVisitorMessage((String) session.getUserProperties().get(INBOX),
                (String) session.getUserProperties().get(TOKEN), frame.getString("text", null));
        return Json.createObjectBuilder()
                .add("type", "message.accepted")
                .add("conversationId", posted.conversationId())
                .add("seq", posted.seq())
                .add("at", posted.at().toString())
                .build();
    }

    private static String parameter(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    private static void refuse(Session session, String code, String message) throws IOException {
        send(session, Frames.error(code, message));
        session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, code));
    }

    private static void send(Session session, JsonObject frame) throws IOException {
        synchronized (session) {
            session.getBasicRemote().sendText(frame.toString());
        }
    }
}
